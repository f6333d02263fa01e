package dev.modelcost.importer.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generators of the small Keras-like files the fixture tests read, written with jhdf's HDF5 writer and
 * java.util.zip. Each records the parameter and optimizer element counts it wrote, which the tests assert.
 */
final class Fixtures {
    private Fixtures() {}

    /** A tf.keras-style full model: Functional with a nested Sequential and a Dense shared by two inputs. */
    static final String FUNCTIONAL_CONFIG =
            """
        {"class_name": "Model", "config": {"name": "m",
          "layers": [
            {"class_name": "InputLayer", "name": "a", "config": {"name": "a", "batch_input_shape": [null, 6], "dtype": "float32"}, "inbound_nodes": []},
            {"class_name": "InputLayer", "name": "b", "config": {"name": "b", "batch_input_shape": [null, 6], "dtype": "float32"}, "inbound_nodes": []},
            {"class_name": "Dense", "name": "shared", "config": {"name": "shared", "units": 4, "trainable": true},
             "inbound_nodes": [[["a", 0, 0, {}]], [["b", 0, 0, {}]]]},
            {"class_name": "Concatenate", "name": "cat", "config": {"name": "cat", "axis": -1},
             "inbound_nodes": [[["shared", 0, 0, {}], ["shared", 1, 0, {}]]]},
            {"class_name": "Sequential", "name": "head", "config": {"name": "head", "layers": [
                {"class_name": "BatchNormalization", "config": {"name": "bn", "trainable": false, "batch_input_shape": [null, 8]}},
                {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax"}}]},
             "inbound_nodes": [[["cat", 0, 0, {}]]]}
          ],
          "input_layers": [["a", 0, 0], ["b", 0, 0]],
          "output_layers": [["head", 0, 0]]}}
        """;

    /** shared: kernel 6×4 + bias 4; bn: 4 × 8; out: kernel 8×3 + bias 3. */
    static final long FUNCTIONAL_PARAMS = 24 + 4 + 32 + 24 + 3;

    static final long FUNCTIONAL_NON_TRAINABLE = 32;
    /** Adam m and v for each of the six float32 weights, and an int64 iteration counter. */
    static final long FUNCTIONAL_OPTIMIZER_BYTES = 4 * 2 * (24 + 4 + 8 + 8 + 24 + 3) + 8;

    static void writeFunctional(Path p) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("keras_version", "2.2.4-tf");
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("model_config", FUNCTIONAL_CONFIG.strip());
            f.putAttribute(
                    "training_config",
                    "{\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {}}, \"loss\": \"mse\"}");
            WritableGroup mw = f.putGroup("model_weights");
            mw.putAttribute("layer_names", new String[] {"a", "b", "shared", "cat", "head"});
            for (String empty : new String[] {"a", "b", "cat"}) {
                mw.putGroup(empty);
            }
            WritableGroup shared = mw.putGroup("shared").putGroup("shared");
            shared.putDataset("kernel:0", new float[6][4]);
            shared.putDataset("bias:0", new float[4]);
            WritableGroup head = mw.putGroup("head");
            WritableGroup bn = head.putGroup("bn");
            for (String v : new String[] {"gamma:0", "beta:0", "moving_mean:0", "moving_variance:0"}) {
                bn.putDataset(v, new float[8]);
            }
            WritableGroup out = head.putGroup("out");
            out.putDataset("kernel:0", new float[8][3]);
            out.putDataset("bias:0", new float[3]);
            WritableGroup adam =
                    f.putGroup("optimizer_weights").putGroup("training").putGroup("Adam");
            adam.putDataset("iter:0", new long[1]);
            int i = 0;
            for (int[] s : new int[][] {{6, 4}, {4}, {8}, {8}, {8, 3}, {3}}) {
                Object data = s.length == 2 ? new float[s[0]][s[1]] : new float[s[0]];
                adam.putDataset("m" + i + ":0", data);
                adam.putDataset("v" + i + ":0", data);
                i++;
            }
        }
    }

    /** A Keras 1 weights-only file: layer groups at the root, "<layer>_W"-style names, running_std statistics. */
    static void writeKeras1Weights(Path p) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("layer_names", new String[] {"dense_1", "batchnormalization_1", "prelu_1"});
            WritableGroup d = f.putGroup("dense_1");
            d.putAttribute("weight_names", new String[] {"dense_1_W", "dense_1_b"});
            d.putDataset("dense_1_W", new float[10][5]);
            d.putDataset("dense_1_b", new float[5]);
            WritableGroup bn = f.putGroup("batchnormalization_1");
            for (String v : new String[] {
                "batchnormalization_1_gamma", "batchnormalization_1_beta",
                "batchnormalization_1_running_mean", "batchnormalization_1_running_std"
            }) {
                bn.putDataset(v, new float[5]);
            }
            f.putGroup("prelu_1").putDataset("prelu_1_alphas", new float[5]);
        }
    }

    /** Keras 3's legacy h5 (model.save("x.h5")): Functional config with __keras_tensor__ args, names without ":0". */
    static final String KERAS3_LEGACY_CONFIG =
            """
        {"module": "keras.src.models.functional", "class_name": "Functional", "config": {"name": "f",
          "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 16], "dtype": "float32", "name": "x"}, "inbound_nodes": []},
            {"module": "keras.layers", "class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 8, "use_bias": true},
             "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 16], "dtype": "float32", "keras_history": ["x", 0, 0]}}], "kwargs": {}}]},
            {"module": "keras.layers", "class_name": "LayerNormalization", "name": "ln", "config": {"name": "ln", "axis": [-1]},
             "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 8], "dtype": "float32", "keras_history": ["dense", 0, 0]}}], "kwargs": {}}]}
          ],
          "input_layers": [["x", 0, 0]], "output_layers": [["ln", 0, 0]]}}
        """;

    static final long KERAS3_LEGACY_PARAMS = 16 * 8 + 8 + 8 + 8;
    static final long KERAS3_LEGACY_OPTIMIZER_BYTES = 8 + 4 + 2 * 4 * KERAS3_LEGACY_PARAMS;

    static void writeKeras3Legacy(Path p) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("keras_version", "3.3.3");
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("model_config", KERAS3_LEGACY_CONFIG.strip());
            f.putAttribute(
                    "training_config",
                    "{\"optimizer_config\": {\"module\": \"keras.optimizers\", \"class_name\": \"Adam\", \"config\": {}}}");
            WritableGroup mw = f.putGroup("model_weights");
            mw.putAttribute("layer_names", new String[] {"x", "dense", "ln"});
            WritableGroup dense = mw.putGroup("dense");
            dense.putAttribute("weight_names", new String[] {"dense/kernel", "dense/bias"});
            WritableGroup dv = dense.putGroup("dense");
            dv.putDataset("kernel", new float[16][8]);
            dv.putDataset("bias", new float[8]);
            WritableGroup ln = mw.putGroup("ln");
            ln.putAttribute("weight_names", new String[] {"ln/gamma", "ln/beta"});
            WritableGroup lv = ln.putGroup("ln");
            lv.putDataset("gamma", new float[8]);
            lv.putDataset("beta", new float[8]);
            WritableGroup adam = f.putGroup("optimizer_weights").putGroup("adam");
            adam.putDataset("iteration", new long[1]);
            adam.putDataset("learning_rate", new float[1]);
            for (String v : new String[] {"dense_kernel", "dense_bias", "ln_gamma", "ln_beta"}) {
                Object data = v.equals("dense_kernel") ? new float[16][8] : new float[8];
                adam.putDataset(v + "_momentum", data);
                adam.putDataset(v + "_velocity", data);
            }
        }
    }

    /** {@code n} Dense layers of 16×16 kernels in a weights-only layout. */
    static void writeManyDatasets(Path p, int n) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            for (int i = 0; i < n; i++) {
                f.putGroup("dense_" + i).putGroup("dense_" + i).putDataset("kernel:0", new float[16][16]);
            }
        }
    }

    /** A Keras 3 archive with a Sequential Conv2D → Flatten → Dense and Adam state, entries stored or deflated. */
    static final String KERAS3_CONFIG =
            """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 6, 6, 1], "dtype": "float32", "name": "input_layer"}},
          {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv", "filters": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "use_bias": true}},
          {"module": "keras.layers", "class_name": "Flatten", "config": {"name": "flat"}},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense_a", "units": 3, "use_bias": false}}]},
         "compile_config": {"optimizer": {"class_name": "Adam", "config": {}}, "loss": "mse"}}
        """;

    static final long KERAS3_PARAMS = 18 + 2 + 32 * 3;

    /** Written without empty groups: jhdf 0.13 cannot read back empty groups its writer nests. */
    static byte[] keras3Weights(Path tmp) throws IOException {
        Path h5 = tmp.resolve("model.weights.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            WritableGroup layers = f.putGroup("layers");
            WritableGroup conv = layers.putGroup("conv2d").putGroup("vars");
            conv.putDataset("0", new float[3][3][1][2]);
            conv.putDataset("1", new float[2]);
            layers.putGroup("dense").putGroup("vars").putDataset("0", new float[32][3]);
            WritableGroup opt = f.putGroup("optimizer").putGroup("vars");
            opt.putDataset("0", new long[1]);
            opt.putDataset("1", new float[3][3][1][2]);
            opt.putDataset("2", new float[3][3][1][2]);
        }
        return Files.readAllBytes(h5);
    }

    static void writeArchive(Path p, byte[] weights, boolean storeWeights, boolean withConfig) throws IOException {
        writeArchive(p, "3.6.0", withConfig ? KERAS3_CONFIG : null, weights, storeWeights);
    }

    static void writeArchive(Path p, String kerasVersion, String config, byte[] weights, boolean storeWeights)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(p);
                ZipOutputStream z = new ZipOutputStream(os)) {
            put(z, "metadata.json", ("{\"keras_version\": \"" + kerasVersion + "\"}").getBytes(), true);
            if (config != null) {
                put(z, "config.json", config.strip().getBytes(), false);
            }
            put(z, "model.weights.h5", weights, storeWeights);
        }
    }

    /**
     * A tf-keras 2.13 "keras_v3" archive of Input → Dense "first" (6 → 4) → Dense "second" (4 → 3): tf-keras walks
     * the model's _layer_checkpoint_dependencies dict, whose values hold each layer with weights twice, so the second
     * Dense's group is dense_2, not dense_1.
     */
    static final String TF_KERAS_CONFIG =
            """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 6], "dtype": "float32", "name": "input_1"}},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "first", "units": 4, "use_bias": true}},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "second", "units": 3, "use_bias": true}}]}}
        """;

    static byte[] tfKerasWeights(Path tmp) throws IOException {
        Path h5 = tmp.resolve("tf_keras.weights.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            WritableGroup deps = f.putGroup("_layer_checkpoint_dependencies");
            WritableGroup first = deps.putGroup("dense").putGroup("vars");
            first.putDataset("0", new float[6][4]);
            first.putDataset("1", new float[4]);
            WritableGroup second = deps.putGroup("dense_2").putGroup("vars");
            second.putDataset("0", new float[4][3]);
            second.putDataset("1", new float[3]);
        }
        return Files.readAllBytes(h5);
    }

    private static void put(ZipOutputStream z, String name, byte[] data, boolean stored) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (stored) {
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setCrc(crc.getValue());
        } else {
            e.setMethod(ZipEntry.DEFLATED);
        }
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
