package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule that cannot tell (shapes that do not broadcast) leaves its outputs unknown and says so; inference goes on. */
class RuleCannotTellTest {

    @Test
    void shapesThatDoNotBroadcastBecomeADiagnosticNamingTheNode() {
        // [2,3] + [4,5]: dims 2 vs 4 and 3 vs 5 differ and none is 1, so ONNX broadcasting has no answer.
        Graph g = new TinyGraph()
                .input("a", 2, 3)
                .input("b", 4, 5)
                .node("Add", List.of("a", "b"), "c")
                .node("Relu", List.of("a"), "r")
                .output("c")
                .output("r")
                .build();
        InferredTypes t = ShapeInference.run(g, Assumptions.DEFAULT, OpRegistry.standard());
        List<String> messages =
                t.diagnostics().stream().map(Diagnostic::message).toList();
        assertTrue(
                messages.stream()
                        .anyMatch(m -> m.startsWith("node 'c' (Add): cannot infer output shape: cannot broadcast ")),
                messages.toString());
        assertFalse(t.typeOf("c").shape().isFullyKnown());
        assertTrue(t.typeOf("r").shape().equals(Shape.of(2, 3)), "the nodes after it are still inferred");
    }
}
