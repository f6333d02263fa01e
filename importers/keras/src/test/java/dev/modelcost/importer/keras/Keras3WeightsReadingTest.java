package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.Report;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One reading of a Keras 3 weights file's variables (layer, optimizer, metric) whatever carries it: a tf-keras
 * 2.15 {@code .keras} archive saved on Windows (group names joined with '\'), a {@code .weights.h5} from
 * {@code model.save_weights} with its optimizer group, and a {@code .keras} whose custom block holds standard
 * layers. The optimizer state in each file (Adam: two slots per trainable variable and a step counter) tells what is
 * trainable; the counts are from the shapes written here.
 */
class Keras3WeightsReadingTest {
    @TempDir
    Path dir;

    /** conv1d: 3×3×4 kernel + 4; batch_normalization: 4 × 4 (gamma, beta trainable; moving mean, variance not); dense: 32×2 + 2. */
    static final long CONV = 3 * 3 * 4 + 4;

    static final long BN_TRAINABLE = 8;
    static final long BN_STATS = 8;
    static final long DENSE = 32 * 2 + 2;
    static final long TRAINABLE = CONV + BN_TRAINABLE + DENSE;

    static final String CONFIG =
            """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 10, 3], "dtype": "float32", "name": "input_1"}},
          {"module": "keras.layers", "class_name": "Conv1D", "config": {"name": "conv1d", "filters": 4, "kernel_size": [3], "strides": [1], "padding": "valid", "use_bias": true}},
          {"module": "keras.layers", "class_name": "BatchNormalization", "config": {"name": "batch_normalization", "axis": -1}},
          {"module": "keras.layers", "class_name": "Flatten", "config": {"name": "flatten"}},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 2, "use_bias": true}}]}}
        """;

    /** The layers' and optimizer's variables, group paths joined with {@code sep}, and two metric variables. */
    static void writeWeights(Path h5, String sep) {
        try (WritableHdfFile f = HdfFile.write(h5)) {
            WritableGroup conv = f.putGroup("layers" + sep + "conv1d").putGroup("vars");
            conv.putDataset("0", new float[3][3][4]);
            conv.putDataset("1", new float[4]);
            WritableGroup bn =
                    f.putGroup("layers" + sep + "batch_normalization").putGroup("vars");
            for (String i : new String[] {"0", "1", "2", "3"}) {
                bn.putDataset(i, new float[4]);
            }
            WritableGroup dense = f.putGroup("layers" + sep + "dense").putGroup("vars");
            dense.putDataset("0", new float[32][2]);
            dense.putDataset("1", new float[2]);
            WritableGroup metric = f.putGroup("metrics" + sep + "mean").putGroup("vars");
            metric.putDataset("0", new float[1]);
            metric.putDataset("1", new float[1]);
            WritableGroup opt = f.putGroup("optimizer").putGroup("vars");
            opt.putDataset("0", new long[1]);
            int i = 1;
            for (Object slot : new Object[] {
                new float[3][3][4], new float[4], new float[4], new float[4], new float[32][2], new float[2]
            }) {
                opt.putDataset(Integer.toString(i++), slot);
                opt.putDataset(Integer.toString(i++), slot);
            }
        }
    }

    /** 8 bytes of step counter and 2 × 4 bytes per trainable element. */
    static final long OPTIMIZER_BYTES = 8 + 2 * 4 * TRAINABLE;

    private static void assertSplit(Report r) {
        assertEquals(TRAINABLE + BN_STATS, r.parameters().total(), "metric variables are not parameters");
        assertEquals(TRAINABLE, r.parameters().trainable(), "what Adam keeps slots for");
        assertEquals(BN_STATS, r.parameters().nonTrainable());
        assertEquals(3 * 3 * 4 + 32 * 2, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(4 + 2, r.parameters().role(TensorRole.BIAS));
        assertEquals(BN_TRAINABLE, r.parameters().role(TensorRole.NORM_SCALE_SHIFT));
        assertEquals(BN_STATS, r.parameters().role(TensorRole.NORM_STATISTIC));
        assertEquals(0, r.parameters().role(TensorRole.OTHER_PARAMETER));
        assertEquals(OPTIMIZER_BYTES, r.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE));
        assertEquals(0, r.ledger().unexplainedBytes());
    }

    @Test
    void windowsSeparatorsInATfKerasArchiveReadAsSlashes() throws Exception {
        Path h5 = dir.resolve("w.h5");
        writeWeights(h5, "\\");
        Path f = dir.resolve("windows.keras");
        Fixtures.writeArchive(f, "2.15.0", CONFIG, Files.readAllBytes(h5), true);
        Report r = KerasCorpusTest.analyze(f);
        assertSplit(r);
        Map<String, Long> rows = new TreeMap<>();
        r.layers().stream().filter(l -> l.parameters() > 0).forEach(l -> rows.put(l.name(), l.parameters()));
        assertEquals(Map.of("conv1d", CONV, "batch_normalization", BN_TRAINABLE + BN_STATS, "dense", DENSE), rows);
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("Windows separators")),
                r.diagnostics().toString());

        Path linux = dir.resolve("l.h5");
        writeWeights(linux, "/");
        Path g = dir.resolve("linux.keras");
        Fixtures.writeArchive(g, "2.15.0", CONFIG, Files.readAllBytes(linux), true);
        Report same = KerasCorpusTest.analyze(g);
        assertEquals(r.parameters(), same.parameters(), "the same model saved on Linux");
        assertEquals(
                r.layers().stream().map(LayerRow::parameters).toList(),
                same.layers().stream().map(LayerRow::parameters).toList());
    }

    @Test
    void aWeightsH5FromSaveWeightsKeepsItsOptimizerApart() throws Exception {
        Path f = dir.resolve("model.weights.h5");
        writeWeights(f, "/");
        Report r = KerasCorpusTest.analyze(f);
        assertSplit(r);
        assertEquals("keras3-weights-h5", r.model().metadata().get("keras.layout"));
        assertEquals(Long.toString(OPTIMIZER_BYTES), r.model().metadata().get("keras.optimizerStateBytes"));
        assertFalse(r.macsComplete(), "no architecture in a weights file: MACs unknown");
    }
}
