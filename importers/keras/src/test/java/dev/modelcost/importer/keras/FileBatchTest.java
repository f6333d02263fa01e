package dev.modelcost.importer.keras;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch fixed in the file ({@code batch_input_shape: [8, 50]}) is the file's batch, as for an ONNX file traced with
 * a fixed batch (one mechanism: the input's batch axis, {@code ValueInfo#fileBatch}): the report is for batch 8 with
 * shapes for it and figures per sample divided by it; {@code --batch} re-batches it.
 */
class FileBatchTest {
    @TempDir
    Path dir;

    static final String CONFIG =
            """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [8, 50], "dtype": "float32"}},
          {"class_name": "Dense", "config": {"name": "d", "units": 100}}]}}
        """;

    static void write(Path p) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("keras_version", "2.15.0");
            f.putAttribute("model_config", CONFIG.strip());
            WritableGroup d = f.putGroup("model_weights").putGroup("d").putGroup("d");
            d.putDataset("kernel:0", new float[50][100]);
            d.putDataset("bias:0", new float[100]);
        }
    }

    @Test
    void aBatchFixedInTheFileIsTheFilesBatch() throws Exception {
        Path f = dir.resolve("fixed.h5");
        write(f);
        ImportedModel m = OpenSources.read(f);
        assertEquals(8, m.graph().dataInputs().get(0).fileBatch().getAsLong());
        ModelAnalysis analysis = new ModelAnalysis(OpRegistry.standard());
        Report stored = analysis.analyze(m, Assumptions.DEFAULT);
        assertEquals(8, stored.assumptions().batch());
        assertEquals(8, stored.shapeSamples());
        assertEquals(50 * 100, stored.macs(), "MACs per sample: 50 × 100, not 8 × that");
        assertEquals("[8, 50]", stored.inputs().get(0).type().shape().toString());
        assertEquals("[8, 100]", stored.outputs().get(0).type().shape().toString());
        assertEquals(
                50 + 100, stored.activations().layerOutputElements(), "per sample: the input's 50, the Dense's 100");
        assertTrue(
                stored.diagnostics().stream().anyMatch(d -> d.message().contains("the file fixes batch 8")),
                stored.diagnostics().toString());

        Report two = analysis.analyze(m, Assumptions.DEFAULT.withBatch(2));
        assertEquals(50 * 100, two.macs(), "still per sample");
        assertEquals("[2, 50]", two.inputs().get(0).type().shape().toString());
        // Input and Dense output live at once: (50 + 100) × 4 bytes per sample.
        assertEquals(600, two.activations().peakLive().perSampleBytes());
        assertEquals(2 * 600, two.activations().peakLiveBytes(), "--batch 2: twice per sample, not 16-fold");
        assertEquals(8 * 600, stored.activations().peakLiveBytes(), "the file's batch of 8");
    }
}
