package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Report;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Keras 3 custom block (a registered layer class modelcost does not know) holding standard layers as attributes:
 * MultiHeadAttention {@code att}, LayerNormalization {@code layernorm1}, a Sequential {@code ffn} with a Dense. The
 * {@code .keras} archive names the groups after the attributes ({@code layers/transformer_block/att/_query_dense});
 * the legacy {@code .h5} save of the same model names the variables ({@code query/kernel:0}). Both give the standard
 * layers' roles, so the two saves of one model compare equal.
 */
class CustomBlockRolesTest {
    @TempDir
    Path dir;

    static final String CONFIG =
            """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4, 8], "dtype": "float32", "name": "input_layer"}},
          {"module": null, "class_name": "TransformerBlock", "registered_name": "Custom>TransformerBlock",
           "config": {"name": "transformer_block", "embed_dim": 8, "num_heads": 2, "ff_dim": 16}}]}}
        """;

    /** Query, key, value: [8, 2, 4] kernels and [2, 4] biases; output [2, 4, 8] + [8]; layer norm 8 + 8; dense 8×16 + 16. */
    static final long WEIGHTS = 3 * 64 + 64 + 8 * 16;

    static final long BIASES = 3 * 8 + 8 + 16;
    static final long SCALE_SHIFT = 16;

    static void writeArchiveWeights(Path h5) {
        try (WritableHdfFile f = HdfFile.write(h5)) {
            WritableGroup block = f.putGroup("layers").putGroup("transformer_block");
            WritableGroup att = block.putGroup("att");
            for (String p : new String[] {"_query_dense", "_key_dense", "_value_dense"}) {
                WritableGroup v = att.putGroup(p).putGroup("vars");
                v.putDataset("0", new float[8][2][4]);
                v.putDataset("1", new float[2][4]);
            }
            WritableGroup out = att.putGroup("_output_dense").putGroup("vars");
            out.putDataset("0", new float[2][4][8]);
            out.putDataset("1", new float[8]);
            WritableGroup ln = block.putGroup("layernorm1").putGroup("vars");
            ln.putDataset("0", new float[8]);
            ln.putDataset("1", new float[8]);
            WritableGroup dense =
                    block.putGroup("ffn").putGroup("layers").putGroup("dense").putGroup("vars");
            dense.putDataset("0", new float[8][16]);
            dense.putDataset("1", new float[16]);
        }
    }

    static void writeLegacyH5(Path p) {
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("keras_version", "3.3.3");
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("model_config", CONFIG.strip());
            WritableGroup mw = f.putGroup("model_weights");
            mw.putAttribute("layer_names", new String[] {"input_layer", "transformer_block"});
            WritableGroup tb = mw.putGroup("transformer_block").putGroup("transformer_block");
            WritableGroup mha = tb.putGroup("multi_head_attention");
            for (String p2 : new String[] {"query", "key", "value"}) {
                WritableGroup g = mha.putGroup(p2);
                g.putDataset("kernel", new float[8][2][4]);
                g.putDataset("bias", new float[2][4]);
            }
            WritableGroup o = mha.putGroup("attention_output");
            o.putDataset("kernel", new float[2][4][8]);
            o.putDataset("bias", new float[8]);
            WritableGroup ln = tb.putGroup("layer_normalization");
            ln.putDataset("gamma", new float[8]);
            ln.putDataset("beta", new float[8]);
            WritableGroup d = tb.putGroup("dense");
            d.putDataset("kernel", new float[8][16]);
            d.putDataset("bias", new float[16]);
        }
    }

    private static void assertRoles(Report r, String what) {
        assertEquals(WEIGHTS, r.parameters().role(TensorRole.WEIGHT), what + " weights");
        assertEquals(BIASES, r.parameters().role(TensorRole.BIAS), what + " biases");
        assertEquals(SCALE_SHIFT, r.parameters().role(TensorRole.NORM_SCALE_SHIFT), what + " layer norm gamma/beta");
        assertEquals(0, r.parameters().role(TensorRole.OTHER_PARAMETER), what + " other");
    }

    @Test
    void standardLayersInsideACustomBlockKeepTheirRolesInBothSaves() throws Exception {
        Path h5 = dir.resolve("w.h5");
        writeArchiveWeights(h5);
        Path archive = dir.resolve("block.keras");
        Fixtures.writeArchive(archive, "3.3.3", CONFIG, Files.readAllBytes(h5), true);
        Report keras = KerasCorpusTest.analyze(archive);
        assertRoles(keras, ".keras");
        Path legacy = dir.resolve("block.h5");
        writeLegacyH5(legacy);
        Report h5Report = KerasCorpusTest.analyze(legacy);
        assertRoles(h5Report, ".h5");
        assertEquals(h5Report.parameters().byRole(), keras.parameters().byRole(), "two saves of one model");
    }
}
