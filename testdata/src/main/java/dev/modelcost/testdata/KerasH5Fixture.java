package dev.modelcost.testdata;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;

/**
 * A Keras 2 full-model HDF5 file (what {@code model.save("m.h5")} writes): a Sequential of Input(4) → Dense
 * "hidden" (4 → 3, relu) → Dense "out" (3 → 2, softmax), with the model_config attribute and the model_weights
 * groups ({@code layer/layer/kernel:0}). Written with jhdf's HDF5 writer, weights all zero.
 */
public final class KerasH5Fixture {
    /** Dense 4→3: 4·3 kernel + 3 bias; Dense 3→2: 3·2 kernel + 2 bias. */
    public static final long WEIGHTS = 4 * 3 + 3 * 2;

    public static final long BIASES = 3 + 2;
    public static final long PARAMETERS = WEIGHTS + BIASES;

    static final String CONFIG =
            """
        {"class_name": "Sequential", "config": {"name": "tiny", "layers": [
          {"class_name": "InputLayer", "config": {"name": "input", "batch_input_shape": [null, 4], "dtype": "float32"}},
          {"class_name": "Dense", "config": {"name": "hidden", "units": 3, "activation": "relu", "use_bias": true}},
          {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax", "use_bias": true}}]}}
        """;

    private KerasH5Fixture() {}

    public static void write(Path file) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putAttribute("keras_version", "2.15.0");
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("model_config", CONFIG.strip());
            WritableGroup weights = f.putGroup("model_weights");
            weights.putAttribute("layer_names", new String[] {"hidden", "out"});
            dense(weights, "hidden", new float[4][3], new float[3]);
            dense(weights, "out", new float[3][2], new float[2]);
        }
    }

    private static void dense(WritableGroup weights, String name, float[][] kernel, float[] bias) {
        WritableGroup layer = weights.putGroup(name);
        layer.putAttribute("weight_names", new String[] {name + "/kernel:0", name + "/bias:0"});
        WritableGroup vars = layer.putGroup(name);
        vars.putDataset("kernel:0", kernel);
        vars.putDataset("bias:0", bias);
    }
}
