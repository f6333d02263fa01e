package dev.modelcost.core.ops.rules;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MAC conventions of docs/ops.md, checked against hand counts. */
class CostRulesTest {

    private static Report analyze(Graph g) {
        ImportedModel m = new ImportedModel("onnx", "test.onnx", 0, g, List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
    }

    @Test
    void lstmCountsFourGatesPerTimestep() {
        // 4 gates x hidden 5 x (input 4 + hidden 5) x seq 3 x batch 2 x 1 direction = 1,080.
        Graph g = new Nodes(13)
                .input("x", 3, 2, 4)
                .weight("w", 1, 20, 4)
                .weight("r", 1, 20, 5)
                .node("LSTM", List.of("x", "w", "r"), List.of("y"), Map.of("hidden_size", Nodes.i(5)))
                .output("y")
                .graph("g");
        assertEquals(1080, analyze(g).macs());
    }

    @Test
    void einsumCountsTheJointIndexSpace() {
        // bij,bjk->bik with b=2, i=3, j=4, k=5: 2*3*4*5 = 120.
        Graph g = new Nodes(13)
                .input("a", 2, 3, 4)
                .input("b", 2, 4, 5)
                .node("Einsum", List.of("a", "b"), "y", Map.of("equation", Nodes.s("bij,bjk->bik")))
                .output("y")
                .graph("g");
        assertEquals(120, analyze(g).macs());
    }

    @Test
    void matMulIntegerCountsLikeMatMul() {
        // [2, 3] x [3, 4]: 2*4 outputs x K 3 = 24.
        Graph g = new TinyGraph()
                .input("a", 2, 3)
                .weight("b", 3, 4)
                .node("MatMulInteger", List.of("a", "b"), "y")
                .output("y")
                .build();
        assertEquals(24, analyze(g).macs());
    }
}
