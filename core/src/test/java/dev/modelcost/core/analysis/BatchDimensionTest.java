package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --dim on the batch symbol is the batch: per-sample figures stay per sample. */
class BatchDimensionTest {
    private static Report analyze(Assumptions a) {
        // x [N, 4] · w [4, 3]: 12 MACs and 3 output values per sample.
        Graph g = new TinyGraph()
                .symbolicInput("x", "N", 4)
                .weight("w", 4, 3)
                .node("MatMul", List.of("x", "w"), "y")
                .output("y")
                .build();
        ImportedModel m = new ImportedModel("onnx", "t.onnx", 0, g, List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, a);
    }

    @Test
    void aDimValueForTheBatchSymbolIsReadAsTheBatch() {
        Report byDim = analyze(new Assumptions(1, Map.of("N", 8L), null));
        Report byBatch = analyze(new Assumptions(8, Map.of(), null));
        assertEquals(8, byDim.assumptions().batch());
        assertEquals(Map.of(), byDim.assumptions().dimValues());
        assertEquals(12, byDim.macs(), "MACs per sample, not for 8 samples");
        assertEquals(byBatch.macs(), byDim.macs());
        assertEquals(
                byBatch.activations().layerOutputElements(), byDim.activations().layerOutputElements());
        assertEquals(byBatch.activations().peakLiveBytes(), byDim.activations().peakLiveBytes());
        assertTrue(
                byDim.diagnostics().stream().anyMatch(d -> d.message().contains("read as --batch 8")),
                byDim.diagnostics().toString());
    }

    @Test
    void anExplicitBatchWinsOverADisagreeingDimAndSaysSo() {
        Report r = analyze(new Assumptions(4, Map.of("N", 8L), null));
        assertEquals(4, r.assumptions().batch());
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("--batch 4 is used")),
                r.diagnostics().toString());
    }

    @Test
    void aLeadingAxisThatTheGraphUnsqueezesBehindANewBatchAxisIsNotTheBatch() {
        // frames [T, 4] -> Unsqueeze(axes = [0]) -> [1, T, 4]: the batch axis is the new one, T is time
        Graph g = new TinyGraph()
                .symbolicInput("frames", "T", 4)
                .ints("axes", 0)
                .node("Unsqueeze", List.of("frames", "axes"), "x")
                .output("x")
                .build();
        ImportedModel m = new ImportedModel("onnx", "t.onnx", 0, g, List.of(), Map.of(), List.of());
        Report r = new ModelAnalysis(OpRegistry.standard()).analyze(m, new Assumptions(1, Map.of("T", 7L), null));
        assertEquals(Map.of("T", 7L), r.assumptions().dimValues(), "--dim T stays a dimension, not the batch");
        assertEquals(
                dev.modelcost.core.ir.Shape.of(1, 7, 4),
                r.outputs().get(0).type().shape());
        Report open = new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
        assertEquals("[1, T, 4]", open.outputs().get(0).type().shape().toString(), "T not fixed to 1 as a batch");
        assertTrue(
                open.diagnostics().stream().anyMatch(d -> d.message().contains("not taken as the batch")),
                open.diagnostics().toString());
    }

    @Test
    void anUnnamedAxisThatIsNotTheBatchGetsANameThatDimCanSet() {
        // frames [-1, 4] (unnamed) -> Unsqueeze(axes = [0]) -> [1, frames.dim0, 4]; a [1, 2] Conv kernel over the
        // frames after a Transpose to [1, 4, frames.dim0] gives frames.dim0 - 1 positions of 3 x 4 x 2 MACs.
        Graph g = new TinyGraph()
                .input("frames", 4)
                .ints("axes", 0)
                .weight("w", 3, 4, 2)
                .node("Unsqueeze", List.of("frames", "axes"), "x")
                .node("Transpose", List.of("x"), "xt", Map.of("perm", TinyGraph.ints(0, 2, 1)))
                .node("Conv", List.of("xt", "w"), "y")
                .output("y")
                .build();
        g = withUnnamedLeadingAxis(g);
        ImportedModel m = new ImportedModel("onnx", "t.onnx", 0, g, List.of(), Map.of(), List.of());
        Report open = new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
        assertEquals("[frames.dim0, 4]", open.inputs().get(0).type().shape().toString());
        assertEquals(
                "[1, 3, frames.dim0 - 1]", open.outputs().get(0).type().shape().toString());
        assertTrue(!open.macsComplete(), "MACs depend on the frames");
        Report set = new ModelAnalysis(OpRegistry.standard())
                .analyze(m, new Assumptions(1, Map.of("frames.dim0", 100L), null));
        assertEquals(
                dev.modelcost.core.ir.Shape.of(1, 3, 99),
                set.outputs().get(0).type().shape());
        assertEquals(99L * 3 * 4 * 2, set.macs());
        assertTrue(set.macsComplete());
        UnknownDimensionException typo = org.junit.jupiter.api.Assertions.assertThrows(
                UnknownDimensionException.class,
                () -> new ModelAnalysis(OpRegistry.standard()).analyze(m, new Assumptions(1, Map.of("T", 100L), null)));
        assertTrue(typo.getMessage().contains("frames.dim0"), typo.getMessage());
    }

    /** The graph with its first input's shape [?, rest...] (an ONNX -1 or an axis with neither value nor name). */
    private static Graph withUnnamedLeadingAxis(Graph g) {
        var in = g.inputs().get(0);
        List<dev.modelcost.core.ir.Dim> dims =
                new java.util.ArrayList<>(in.type().shape().dims());
        dims.add(0, dev.modelcost.core.ir.Dim.UNKNOWN);
        var typed = in.withType(in.type().withShape(dev.modelcost.core.ir.Shape.of(dims)));
        return new Graph(g.name(), g.nodes(), List.of(typed), g.outputs(), g.tensors(), g.declaredValues(), g.opsets());
    }
}
