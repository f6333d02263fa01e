package dev.modelcost.core.compare;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportComparisonTest {

    private static Report report(Graph g, long fileBytes) {
        ImportedModel m = new ImportedModel("onnx", "tiny.onnx", fileBytes, g, List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
    }

    /** x[1,8] -> Gemm(W[units,8], b[units]) -> y. */
    private static Graph dense(long units) {
        return new TinyGraph()
                .input("x", 1, 8)
                .weight("w", units, 8)
                .weight("b", units)
                .node("Gemm", List.of("x", "w", "b"), "y", Map.of("transB", new dev.modelcost.core.ir.Attr.Int(1)))
                .output("y")
                .build();
    }

    private static Comparison.Line line(Comparison c, String quantity) {
        return c.lines().stream()
                .filter(l -> l.quantity().equals(quantity))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aWiderLayerIsExplainedByItsWeightsAndBiases() {
        // 4 units: 4×8 weights + 4 biases = 36; 6 units: 48 + 6 = 54. MACs: units × 8.
        Comparison c = ReportComparison.of(report(dense(4), 1000), report(dense(6), 1000));
        assertEquals(36, line(c, "parameters").a());
        assertEquals(54, line(c, "parameters").b());
        assertEquals(18, line(c, "parameters").delta());
        assertEquals(16, line(c, "weight").delta());
        assertEquals(2, line(c, "bias").delta());
        assertEquals(32, line(c, "MACs per sample").a());
        assertEquals(48, line(c, "MACs per sample").b());
        assertEquals(List.of(new Comparison.OpCount("Gemm", 1, 1)), c.opCounts());
        // TinyGraph names a node after its output: the Gemm "y" is matched by name in both.
        assertEquals(
                new LayerMatch.ByName(1, List.of(), List.of(), List.of(new LayerMatch.ChangedPair("y", "y", 18, 16))),
                c.layers());
    }

    @Test
    void identicalModelsHaveOnlySameness() {
        Comparison c = ReportComparison.of(report(dense(4), 1000), report(dense(4), 1000));
        assertTrue(c.lines().stream().noneMatch(Comparison.Line::differs));
        assertEquals(new LayerMatch.NothingToSay(), c.layers());
    }
}
