package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorNameRoles;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file of tensors without a graph gets one row per module with its parameters split by the roles the names give,
 * coarser where a 7B model would otherwise print hundreds of rows; the rows add up to the summary role by role.
 */
class StoredTensorGroupsTest {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private void tensor(String name, long... dims) {
        Shape s = Shape.of(dims);
        long bytes = 2 * s.elementCount().getAsLong();
        tensors.put(
                name,
                Tensor.of(name, DType.FLOAT16, s, new Storage(Storage.MODEL_FILE, 0, bytes, Storage.Encoding.RAW))
                        .withRole(TensorNameRoles.roleOf(name, DType.FLOAT16), null));
    }

    private Report analyze() {
        Graph g = new Graph("weights", List.of(), List.of(), List.of(), tensors, Map.of(), Map.of());
        ImportedModel m = new ImportedModel("safetensors", "m.safetensors", 0, g, List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
    }

    /** Llama-2-7B's 291 tensors with its config's sizes (hidden 4,096, MLP 11,008, 32 layers, vocabulary 32,000). */
    private void llama2_7b() {
        tensor("model.embed_tokens.weight", 32000, 4096);
        for (int i = 0; i < 32; i++) {
            String l = "model.layers." + i + ".";
            for (String p : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
                tensor(l + "self_attn." + p + ".weight", 4096, 4096);
            }
            tensor(l + "mlp.gate_proj.weight", 11008, 4096);
            tensor(l + "mlp.up_proj.weight", 11008, 4096);
            tensor(l + "mlp.down_proj.weight", 4096, 11008);
            tensor(l + "input_layernorm.weight", 4096);
            tensor(l + "post_attention_layernorm.weight", 4096);
        }
        tensor("model.norm.weight", 4096);
        tensor("lm_head.weight", 32000, 4096);
    }

    @Test
    void aSevenBModelIsGroupedByBlockAndSublayerWithinTheBound() {
        llama2_7b();
        assertEquals(291, tensors.size());
        Report r = analyze();
        List<LayerRow> rows = r.layers();
        // 32 layers x (self_attn, mlp, input_layernorm, post_attention_layernorm) + embed_tokens, norm, lm_head.
        assertEquals(32 * 4 + 3, rows.size());
        assertTrue(rows.size() <= StoredTensorGroups.MAX_ROWS);
        LayerRow attn = row(rows, "model.layers.0.self_attn");
        assertEquals(4L * 4096 * 4096, attn.weights(), "q, k, v, o: 4 x 4,096 x 4,096");
        assertEquals(attn.weights(), attn.parameters());
        assertNull(attn.macs(), "no graph: MACs unknown");
        assertEquals(3L * 11008 * 4096, row(rows, "model.layers.31.mlp").weights());
        LayerRow norm = row(rows, "model.layers.0.input_layernorm");
        assertEquals(0, norm.weights());
        assertEquals(4096, norm.parameters(), "a norm's weight is norm scale/shift: in the other column");
        assertEquals("[32000, 4096]", row(rows, "lm_head").output().shape().toString());
        // Llama-2-7B's published count, 6,738,415,616 parameters, row by row and role by role.
        long all = 0, weights = 0, biases = 0;
        for (LayerRow l : rows) {
            all += l.parameters();
            weights += l.weights();
            biases += l.biases();
        }
        assertEquals(6_738_415_616L, all);
        assertEquals(r.parameters().total(), all);
        assertEquals(r.parameters().role(TensorRole.WEIGHT), weights);
        assertEquals(r.parameters().role(TensorRole.BIAS), biases);
        assertEquals(
                r.parameters().role(TensorRole.NORM_SCALE_SHIFT),
                all - weights - biases,
                "65 RMSNorm weights of 4,096: the other column");
        assertEquals(65L * 4096, all - weights - biases);
    }

    @Test
    void aSmallModelGetsOneRowPerModuleWithBiasesApart() {
        tensor("encoder.dense.weight", 8, 4);
        tensor("encoder.dense.bias", 8);
        tensor("encoder.LayerNorm.weight", 8);
        tensor("encoder.LayerNorm.bias", 8);
        List<LayerRow> rows = analyze().layers();
        assertEquals(
                List.of("encoder.dense", "encoder.LayerNorm"),
                rows.stream().map(LayerRow::name).toList());
        assertEquals(32, rows.get(0).weights());
        assertEquals(8, rows.get(0).biases());
        assertEquals(0, rows.get(1).weights() + rows.get(1).biases(), "a LayerNorm's weight and bias: norm roles");
        assertEquals(16, rows.get(1).parameters());
    }

    @Test
    void groupsAtEachLevel() {
        String hf = "model.layers.7.self_attn.q_proj.weight";
        assertEquals("model.layers.7.self_attn.q_proj", StoredTensorGroups.groupOf(hf, Integer.MAX_VALUE));
        assertEquals("model.layers.7.self_attn", StoredTensorGroups.groupOf(hf, 1));
        assertEquals("model.layers.7", StoredTensorGroups.groupOf(hf, 0));
        assertEquals("model.layers", StoredTensorGroups.groupOf(hf, -1));
        String gguf = "blk.12.attn_q.weight";
        assertEquals("blk.12.attn_q", StoredTensorGroups.groupOf(gguf, 1));
        assertEquals("blk.12", StoredTensorGroups.groupOf(gguf, 0));
        assertEquals("model.norm", StoredTensorGroups.groupOf("model.norm.weight", 0), "outside a block: the module");
        assertEquals("dense_1/kernel", StoredTensorGroups.groupOf("dense_1/kernel:0", Integer.MAX_VALUE));
        assertEquals("scale", StoredTensorGroups.groupOf("scale", 0));
    }

    private static LayerRow row(List<LayerRow> rows, String name) {
        return rows.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }
}
