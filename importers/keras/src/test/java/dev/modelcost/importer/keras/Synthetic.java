package dev.modelcost.importer.keras;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test helper: a model from a hand-written Keras config JSON plus weight shapes stated by the test
 * (what Keras's documentation gives for each layer), without writing an HDF5 file.
 */
final class Synthetic {
    record W(String layer, String name, long... shape) {}

    private Synthetic() {}

    static ImportedModel model(String configJson, W... weights) throws Exception {
        Object cfg = Json.parse(configJson, Long.MAX_VALUE);
        Topology topo = TopologyReader.read(cfg, ImportOptions.DEFAULTS.maxNodes());
        GraphAssembler asm = new GraphAssembler();
        long bytes = 0;
        for (W w : weights) {
            long n = 1;
            for (long d : w.shape()) {
                n *= d;
            }
            H5Dataset d =
                    new H5Dataset(w.layer() + "/" + w.name(), w.shape(), DType.FLOAT32, "contiguous", 4 * n, bytes);
            bytes += 4 * n;
            Topology.Layer l = topo.layers().get(w.layer());
            asm.addWeight(
                    d,
                    0,
                    w.layer() + "/" + w.name(),
                    WeightRoles.byName(d.baseName()),
                    l == null ? null : l.trainable(),
                    l == null ? null : w.layer());
        }
        var g = asm.build("synthetic", topo);
        List<Diagnostic> diags = new ArrayList<>();
        asm.diagnostics().forEach(m -> diags.add(Diagnostic.warning(m)));
        return new ImportedModel("keras", "synthetic.h5", bytes, g, List.of(), Map.of(), diags);
    }

    static Report report(String configJson, W... weights) throws Exception {
        return new ModelAnalysis(OpRegistry.standard()).analyze(model(configJson, weights), Assumptions.DEFAULT);
    }

    /** A Keras 2 Sequential config: an InputLayer of the given batch shape, then the given layers. */
    static String sequential(String batchInputShape, String... layers) {
        StringBuilder sb =
                new StringBuilder("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"seq\", \"layers\": [");
        sb.append("{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"input\", \"batch_input_shape\": ")
                .append(batchInputShape)
                .append(", \"dtype\": \"float32\"}}");
        for (String l : layers) {
            sb.append(", ").append(l);
        }
        return sb.append("]}}").toString();
    }

    /** One layer: class name, then the config body (without braces), e.g. {@code "\"name\": \"d\", \"units\": 4"}. */
    static String layer(String cls, String config) {
        return "{\"class_name\": \"" + cls + "\", \"config\": {" + config + "}}";
    }
}
