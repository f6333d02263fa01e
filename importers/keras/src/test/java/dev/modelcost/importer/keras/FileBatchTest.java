package dev.modelcost.importer.keras;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.FileBatch;
import dev.modelcost.core.spi.ImportedModel;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch fixed in the file ({@code batch_input_shape: [8, 50]}) is the file's batch, not one sample: figures are per
 * sample, {@code --batch} scales them as for any model, and the report names the file's batch.
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
        assertEquals(List.of(new FileBatch("x", 0, 8)), FileBatch.of(m.metadata()));
        ModelAnalysis analysis = new ModelAnalysis(OpRegistry.standard());
        Report one = analysis.analyze(m, Assumptions.DEFAULT);
        assertEquals(50 * 100, one.macs(), "MACs per sample: 50 × 100, not 8 × that");
        assertEquals(
                List.of(1L, 50L),
                Arrays.stream(one.inputs().get(0).type().shape().sizes())
                        .boxed()
                        .toList());
        assertTrue(
                one.diagnostics().stream().anyMatch(d -> d.message().contains("fixes the batch at 8")),
                one.diagnostics().toString());
        Report two = analysis.analyze(m, Assumptions.DEFAULT.withBatch(2));
        assertEquals(50 * 100, two.macs(), "still per sample");
        assertEquals(
                50 + 100,
                one.activations().layerOutputElements(),
                "per sample: the input's 50 and the Dense's 100 values");
        assertEquals(
                2 * one.activations().peakLiveBytes(),
                two.activations().peakLiveBytes(),
                "--batch 2 doubles, not 16-fold");
    }

    @Test
    void theRecordIsReadBackAndMalformedEntriesAreSkipped() {
        Map<String, String> meta = new HashMap<>();
        new FileBatch("in", 0, 4).record(meta);
        meta.put(FileBatch.METADATA_PREFIX + "bad", "x:y");
        assertEquals(List.of(new FileBatch("in", 0, 4)), FileBatch.of(meta));
    }
}
