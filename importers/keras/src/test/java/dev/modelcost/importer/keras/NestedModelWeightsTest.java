package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Teachable Machine export's structure (tf.keras 2.2.4): Sequential ▸ Sequential "base" ▸ Functional "fn", whose
 * layers' weights tf.keras saves under the top-level layer's group with their variables' own names
 * ({@code model_weights/base/c1/kernel:0}, no "fn" scope), and a second nested Sequential "head". Every weight reaches
 * its layer: no orphan row, no "never called" warning, and the rows add up to the totals.
 */
class NestedModelWeightsTest {
    @TempDir
    Path dir;

    static final String CONFIG =
            """
        {"class_name": "Sequential", "config": {"name": "outer", "layers": [
          {"class_name": "Sequential", "config": {"name": "base", "batch_input_shape": [null, 8, 8, 3], "layers": [
            {"class_name": "Model", "config": {"name": "fn", "batch_input_shape": [null, 8, 8, 3],
              "layers": [
                {"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_input_shape": [null, 8, 8, 3], "dtype": "float32"}, "inbound_nodes": []},
                {"class_name": "Conv2D", "name": "c1", "config": {"name": "c1", "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "use_bias": false},
                 "inbound_nodes": [[["in", 0, 0, {}]]]},
                {"class_name": "BatchNormalization", "name": "bn", "config": {"name": "bn", "axis": -1},
                 "inbound_nodes": [[["c1", 0, 0, {}]]]}],
              "input_layers": [["in", 0, 0]], "output_layers": [["bn", 0, 0]]}},
            {"class_name": "GlobalAveragePooling2D", "config": {"name": "gap"}}]}},
          {"class_name": "Sequential", "config": {"name": "head", "layers": [
            {"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": [null, 4]}}]}}]}}
        """;

    /** c1: 3×3×3×4 kernel, no bias; bn: gamma, beta, moving mean, moving variance of 4; d: 4×2 + 2. */
    static final long C1 = 3 * 3 * 3 * 4;

    static final long BN = 4 * 4;
    static final long D = 4 * 2 + 2;

    static void write(Path p) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("keras_version", "2.2.4-tf");
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("model_config", CONFIG.strip());
            WritableGroup mw = f.putGroup("model_weights");
            mw.putAttribute("layer_names", new String[] {"base", "head"});
            WritableGroup base = mw.putGroup("base");
            base.putGroup("c1").putDataset("kernel:0", new float[3][3][3][4]);
            WritableGroup bn = base.putGroup("bn");
            for (String v : new String[] {"gamma:0", "beta:0", "moving_mean:0", "moving_variance:0"}) {
                bn.putDataset(v, new float[4]);
            }
            WritableGroup d = mw.putGroup("head").putGroup("d");
            d.putDataset("kernel:0", new float[4][2]);
            d.putDataset("bias:0", new float[2]);
        }
    }

    @Test
    void weightsOfAFunctionalInsideASequentialReachTheirLayers() throws Exception {
        Path f = dir.resolve("keras_model.h5");
        write(f);
        Report r = KerasCorpusTest.analyze(f);
        assertEquals(C1 + BN + D, r.parameters().total());
        assertEquals(8, r.parameters().nonTrainable(), "moving mean and variance of bn");
        Map<String, Long> rows = new TreeMap<>();
        r.layers().stream().filter(l -> l.parameters() > 0).forEach(l -> rows.put(l.name(), l.parameters()));
        assertEquals(Map.of("base/fn/c1", C1, "base/fn/bn", BN, "head/d", D), rows);
        assertEquals(
                r.parameters().total(),
                r.layers().stream().mapToLong(LayerRow::parameters).sum());
        assertEquals(C1 + 8, r.layers().stream().mapToLong(LayerRow::weights).sum());
        assertEquals(
                r.parameters().role(TensorRole.BIAS),
                r.layers().stream().mapToLong(LayerRow::biases).sum());
        assertTrue(
                r.diagnostics().stream().noneMatch(d -> d.message().contains("never called")),
                r.diagnostics().toString());
        // c1's output is 8×8×4 per sample (same padding): its MACs are 8·8·4 × 3·3·3
        assertEquals(
                8 * 8 * 4 * 27,
                r.layers().stream()
                        .filter(l -> l.name().equals("base/fn/c1"))
                        .findFirst()
                        .orElseThrow()
                        .macs());
    }
}
