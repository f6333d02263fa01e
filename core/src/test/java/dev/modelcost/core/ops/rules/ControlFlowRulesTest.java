package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** If, Loop and sequence rules: shapes through subgraph bodies and sequences. */
class ControlFlowRulesTest {

    /** Loop body (i, cond, y) -> (cond, y + x, y + x): carried y and one scan output. */
    private static Graph accumulateBody() {
        Nodes b = new Nodes(13);
        b.inputs.add(new ValueInfo("i", new TensorType(DType.INT64, Shape.SCALAR)));
        b.inputs.add(new ValueInfo("c", new TensorType(DType.BOOL, Shape.SCALAR)));
        b.inputs.add(new ValueInfo("y", TensorType.UNKNOWN));
        b.node("Add", List.of("y", "x"), "y2")
                .node("Identity", List.of("c"), "c2")
                .node("Identity", List.of("y2"), "scan");
        return b.output("c2").output("y2").output("scan").graph("body");
    }

    @Test
    void loopStacksScanOutputsByTheConstantTripCount() {
        // ONNX test_loop11: trip count 5, y [1] -> final y [1], scan output [5, 1].
        var t = new Nodes(13)
                .input("x", 1)
                .scalar("m", 5)
                .input("y0", 1)
                .node(
                        "Loop",
                        List.of("m", "", "y0"),
                        List.of("y", "ys"),
                        Map.of("body", new Attr.GraphValue(accumulateBody())))
                .infer();
        assertEquals(Shape.of(1), t.typeOf("y").shape());
        assertEquals(Shape.of(5, 1), t.typeOf("ys").shape());
    }

    @Test
    void ifWithAKnownConditionTakesThatBranch() {
        Graph then = new Nodes(13)
                .vector("a", 1, 2, 3)
                .node("Identity", List.of("a"), "o")
                .output("o")
                .graph("then");
        Graph otherwise = new Nodes(13)
                .vector("b", 1, 2)
                .node("Identity", List.of("b"), "o")
                .output("o")
                .graph("else");
        var t = new Nodes(13)
                .scalar("cond", 1)
                .node(
                        "If",
                        List.of("cond"),
                        "r",
                        Map.of("then_branch", new Attr.GraphValue(then), "else_branch", new Attr.GraphValue(otherwise)))
                .output("r")
                .infer();
        assertEquals(Shape.of(3), t.typeOf("r").shape());
    }

    @Test
    void splitToSequenceThenConcatRestoresTheAxis() {
        // ONNX simple test_sequence_model4-like: split [2, 9, 4]... here [6, 4] into 3 pieces of 2, concatenated on
        // axis 1.
        var t = new Nodes(13)
                .input("x", 6, 4)
                .scalar("two", 2)
                .node("SplitToSequence", List.of("x", "two"), "seq", Map.of())
                .node("SequenceLength", List.of("seq"), "n")
                .node("ConcatFromSequence", List.of("seq"), "y", Map.of("axis", Nodes.i(1)))
                .output("y")
                .infer();
        assertEquals(Shape.of(2, 12), t.typeOf("y").shape());
        assertEquals(3, t.valuesOf("n").orElseThrow().longAt(0));
    }

    @Test
    void deeplyNestedLoopsStayWithinTheRunBudget() {
        // 16 Loops each nested in the previous one's body; a changing carried type would re-run every level.
        Graph body = null;
        for (int level = 0; level < 16; level++) {
            Nodes b = new Nodes(13);
            b.inputs.add(new ValueInfo("i", new TensorType(DType.INT64, Shape.SCALAR)));
            b.inputs.add(new ValueInfo("c", new TensorType(DType.BOOL, Shape.SCALAR)));
            b.inputs.add(new ValueInfo("y", TensorType.UNKNOWN));
            b.scalar("m", 2).node("Identity", List.of("c"), "c2");
            if (body == null) {
                b.node("Concat", List.of("y", "y"), "y2", Map.of("axis", Nodes.i(0)));
            } else {
                b.node("Loop", List.of("m", "", "y"), List.of("y2"), Map.of("body", new Attr.GraphValue(body)));
            }
            body = b.output("c2").output("y2").graph("level" + level);
        }
        long start = System.nanoTime();
        var t = new Nodes(13)
                .input("x", 1)
                .scalar("m", 2)
                .node("Loop", List.of("m", "", "x"), List.of("y"), Map.of("body", new Attr.GraphValue(body)))
                .infer();
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "nested loops took too long");
        assertTrue(
                t.diagnostics().stream().anyMatch(d -> d.message().contains("subgraph runs")),
                t.diagnostics().toString());
    }
}
