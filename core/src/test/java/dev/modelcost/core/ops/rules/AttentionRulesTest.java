package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Attention ops against their specifications and hand counts: output widths (GQA is the query's width), present
 * KV shapes (past + new keys), and MACs QKᵀ + A·V over the past plus current keys.
 */
class AttentionRulesTest {
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    private AttentionRulesTest in(String name, long... dims) {
        inputs.add(new ValueInfo(name, TensorType.of(DType.FLOAT32, dims)));
        return this;
    }

    private AttentionRulesTest op(
            String domain, String op, List<String> in, List<String> out, Map<String, Attr> attrs) {
        nodes.add(new Node(out.get(0), domain, op, in, out, attrs));
        return this;
    }

    private Graph graph() {
        return new Graph("g", nodes, inputs, List.of(), Map.of(), Map.of(), Map.of("", 24, Domains.MICROSOFT, 1));
    }

    private InferredTypes types() {
        return ShapeInference.run(graph(), Assumptions.DEFAULT, OpRegistry.standard());
    }

    private Report report() {
        return new ModelAnalysis(OpRegistry.standard())
                .analyze(
                        new ImportedModel("onnx", "t.onnx", 0, graph(), List.of(), Map.of(), List.of()),
                        Assumptions.DEFAULT);
    }

    @Test
    void groupQueryAttentionOutputHasTheQueryWidthAndItsMacsSpanPastAndNewKeys() {
        // 4 query heads x 16 = 64 wide; 2 K/V heads x 16 = 32 wide; past 5 keys + 3 new = 8 attended keys.
        in("q", 1, 3, 64)
                .in("k", 1, 3, 32)
                .in("v", 1, 3, 32)
                .in("pk", 1, 2, 5, 16)
                .in("pv", 1, 2, 5, 16);
        op(
                Domains.MICROSOFT,
                "GroupQueryAttention",
                List.of("q", "k", "v", "pk", "pv"),
                List.of("y", "presentK", "presentV"),
                Map.of("num_heads", Nodes.i(4), "kv_num_heads", Nodes.i(2)));
        InferredTypes t = types();
        assertEquals(Shape.of(1, 3, 64), t.typeOf("y").shape());
        assertEquals(Shape.of(1, 2, 8, 16), t.typeOf("presentK").shape());
        // QK^T: 4 heads x 3 queries x 8 keys x 16 = 1,536; A*V the same: 3,072
        assertEquals(3072, report().macs());
    }

    @Test
    void contribAttentionCountsProjectionScoresAndContextOverPastPlusCurrent() {
        // GPT-2 decode step: hidden 32, 4 heads x 8, past 100, one new token.
        in("x", 1, 1, 32).in("w", 32, 96).in("past", 2, 1, 4, 100, 8);
        op(
                Domains.MICROSOFT,
                "Attention",
                List.of("x", "w", "", "", "past"),
                List.of("y", "present"),
                Map.of("num_heads", Nodes.i(4)));
        InferredTypes t = types();
        assertEquals(Shape.of(1, 1, 32), t.typeOf("y").shape());
        assertEquals(Shape.of(2, 1, 4, 101, 8), t.typeOf("present").shape());
        // projection 1 x 32 x 96 = 3,072; scores 4 x 1 x 101 x 8 = 3,232; context 3,232
        assertEquals(9536, report().macs());
    }

    @Test
    void opset23AttentionWithSharedKvHeads() {
        // q 4 heads x 16, k/v 2 heads x 16, 16 cached keys, 3 queries
        in("q", 1, 3, 64).in("k", 1, 16, 32).in("v", 1, 16, 32);
        op(
                "",
                "Attention",
                List.of("q", "k", "v"),
                List.of("y"),
                Map.of("q_num_heads", Nodes.i(4), "kv_num_heads", Nodes.i(2)));
        assertEquals(Shape.of(1, 3, 64), types().typeOf("y").shape());
        // 2 x (4 heads x 3 x 16 keys x 16) = 6,144 = 2,048 x S
        assertEquals(6144, report().macs());
    }

    @Test
    void skipLayerNormResidualOutputHasTheInputShape() {
        in("x", 1, 8, 64).in("skip", 1, 8, 64).in("g", 64);
        op(
                Domains.MICROSOFT,
                "SkipLayerNormalization",
                List.of("x", "skip", "g"),
                List.of("y", "mean", "inv", "sum"),
                Map.of());
        InferredTypes t = types();
        assertEquals(Shape.of(1, 8, 64), t.typeOf("sum").shape());
        assertEquals(Shape.of(1, 8, 1), t.typeOf("inv").shape());
    }

    @Test
    void standardOpsOfOpsets23And24KeepTheirInputShapes() {
        in("x", 1, 5, 64)
                .in("s", 64)
                .in("cos", 5, 8)
                .in("sin", 5, 8)
                .in("cache", 1, 16, 32)
                .in("upd", 1, 1, 32);
        op("", "RMSNormalization", List.of("x", "s"), List.of("n"), Map.of());
        op("", "SimplifiedLayerNormalization", List.of("x", "s"), List.of("n2"), Map.of());
        op("", "RotaryEmbedding", List.of("n", "cos", "sin"), List.of("r"), Map.of());
        op("", "TensorScatter", List.of("cache", "upd"), List.of("c2"), Map.of());
        InferredTypes t = types();
        assertEquals(Shape.of(1, 5, 64), t.typeOf("n").shape());
        assertEquals(Shape.of(1, 5, 64), t.typeOf("n2").shape());
        assertEquals(Shape.of(1, 5, 64), t.typeOf("r").shape());
        assertEquals(Shape.of(1, 16, 32), t.typeOf("c2").shape());
        assertEquals(
                List.of(),
                t.diagnostics().stream()
                        .filter(d -> d.message().contains("unknown operator"))
                        .toList());
    }
}
