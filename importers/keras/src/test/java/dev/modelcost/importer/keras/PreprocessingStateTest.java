package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.Report;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Normalization's adapted statistics (mean, variance, sample count) are state Keras creates with
 * {@code trainable=False}: the file's own Adam state, two slots per trainable variable plus a step counter, covers
 * only the Dense layer, which is the oracle for what is trainable.
 */
class PreprocessingStateTest {
    @TempDir
    Path dir;

    static final String CONFIG =
            """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 3], "dtype": "float32"}},
          {"class_name": "Normalization", "config": {"name": "norm", "axis": -1}},
          {"class_name": "Dense", "config": {"name": "d", "units": 2}}]}}
        """;

    /** Dense kernel 3×2 and bias 2. */
    static final long DENSE = 3 * 2 + 2;
    /** Adam's m and v of the kernel and the bias (the step counter is a scalar beside them). */
    static final long ADAM_SLOT_ELEMENTS = 2 * DENSE;

    static void write(Path p) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("keras_version", "2.15.0");
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("model_config", CONFIG.strip());
            WritableGroup mw = f.putGroup("model_weights");
            mw.putAttribute("layer_names", new String[] {"x", "norm", "d"});
            WritableGroup norm = mw.putGroup("norm").putGroup("norm");
            norm.putDataset("mean:0", new float[3]);
            norm.putDataset("variance:0", new float[3]);
            norm.putDataset("count:0", new long[1]);
            WritableGroup d = mw.putGroup("d").putGroup("d");
            d.putDataset("kernel:0", new float[3][2]);
            d.putDataset("bias:0", new float[2]);
            WritableGroup adam =
                    f.putGroup("optimizer_weights").putGroup("training").putGroup("Adam");
            adam.putDataset("iter:0", new long[1]);
            adam.putDataset("d/kernel/m:0", new float[3][2]);
            adam.putDataset("d/kernel/v:0", new float[3][2]);
            adam.putDataset("d/bias/m:0", new float[2]);
            adam.putDataset("d/bias/v:0", new float[2]);
        }
    }

    @Test
    void normalizationStatisticsAreNotTrainable() throws Exception {
        Path f = dir.resolve("norm.h5");
        write(f);
        Report r = KerasCorpusTest.analyze(f);
        assertEquals(3 + 3 + 1 + DENSE, r.parameters().total());
        assertEquals(ADAM_SLOT_ELEMENTS / 2, r.parameters().trainable(), "Adam keeps two slots per trainable element");
        assertEquals(3 + 3 + 1, r.parameters().nonTrainable());
        assertEquals(3 + 3 + 1, r.parameters().role(TensorRole.NORM_STATISTIC), "mean, variance, count");
        assertEquals(4L * ADAM_SLOT_ELEMENTS + 8, r.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE));
    }
}
