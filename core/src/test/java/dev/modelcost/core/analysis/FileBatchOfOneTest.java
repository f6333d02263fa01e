package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch of 1 fixed in the file (the usual PyTorch export, [1, 3, 224, 224] in and [1, 1000] out) is re-batched by
 * {@code --batch N}: shapes for the batch, figures per sample unchanged. Where the export folded that 1 into a
 * Reshape target, the shapes stay per sample and the report says why.
 */
class FileBatchOfOneTest {
    private static Report analyze(Graph g, Assumptions a) {
        List<ValueInfo> inputs = g.inputs().stream()
                .map(v -> v.name().equals("x") ? v.withBatchAxis(0) : v)
                .toList();
        List<ValueInfo> outputs = List.of(new ValueInfo("z", TensorType.of(DType.FLOAT32, 1, 3)));
        Graph marked = new Graph(g.name(), g.nodes(), inputs, outputs, g.tensors(), g.declaredValues(), g.opsets());
        ImportedModel m = new ImportedModel("onnx", "t.onnx", 0, marked, List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, a);
    }

    /** x [1, 2, 2] → Flatten → [1, 4] · w [4, 3] → z [1, 3]. */
    private static Graph flattening() {
        return new TinyGraph()
                .input("x", 1, 2, 2)
                .weight("w", 4, 3)
                .node("Flatten", List.of("x"), "y")
                .node("MatMul", List.of("y", "w"), "z")
                .output("z")
                .build();
    }

    /** The same with Reshape to the constant [1, -1], as {@code x.view(1, -1)} traces. */
    private static Graph reshapingToOne() {
        return new TinyGraph()
                .input("x", 1, 2, 2)
                .ints("target", 1, -1)
                .weight("w", 4, 3)
                .node("Reshape", List.of("x", "target"), "y")
                .node("MatMul", List.of("y", "w"), "z")
                .output("z")
                .build();
    }

    @Test
    void atBatchOneNothingChanges() {
        Report r = analyze(flattening(), Assumptions.DEFAULT);
        assertEquals(1, r.assumptions().batch());
        assertEquals(1, r.shapeSamples());
        assertEquals("[1, 2, 2]", r.inputs().get(0).type().shape().toString());
        assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    }

    @Test
    void aGivenBatchRebatchesTheFilesBatchOfOne() {
        Report r = analyze(flattening(), Assumptions.DEFAULT.withBatch(4));
        assertEquals(4, r.shapeSamples());
        assertEquals("[4, 2, 2]", r.inputs().get(0).type().shape().toString());
        assertEquals("[4, 3]", r.layers().get(1).output().shape().toString());
        // Per sample: 4 inputs x 3 outputs = 12 MACs; input 4 values + MatMul 3 values (Flatten is a view).
        assertEquals(12, r.macs());
        assertEquals(7, r.activations().layerOutputElements());
        assertEquals(4, r.inputs().get(0).elementsPerSample());
        assertEquals(3, r.layers().get(1).activationElements());
        // x (16 B per sample) and z (12 B) live at once: 28 B per sample, 112 B for the batch of 4.
        assertEquals(28, r.activations().peakLive().perSampleBytes());
        assertEquals(112, r.activations().peakLiveBytes());
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("the file fixes batch 1; --batch 4")),
                r.diagnostics().toString());
    }

    @Test
    void aBatchFoldedIntoAReshapeTargetIsNotRebatchedAndIsNamed() {
        Report r = analyze(reshapingToOne(), Assumptions.DEFAULT.withBatch(4));
        assertEquals(1, r.shapeSamples(), "shapes per sample: re-batched, the Reshape would give [1, 16]");
        assertEquals("[1, 2, 2]", r.inputs().get(0).type().shape().toString());
        assertEquals("[1, 3]", r.outputs().get(0).type().shape().toString());
        assertEquals(12, r.macs());
        assertEquals(7, r.activations().layerOutputElements());
        assertEquals(112, r.activations().peakLiveBytes(), "4 x 28 bytes, scaled by the batch");
        List<Diagnostic> warnings = r.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.WARNING)
                .toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("node 'y' (Reshape)"), warnings.toString());
        assertTrue(warnings.get(0).message().contains("shapes are shown for one sample"), warnings.toString());
    }

    /**
     * x [1, 4, 6] → MatMul w [6, 3] → z [1, 4, 3], the output, which follows any batch; beside it x → Reshape to the
     * constant [2, 2, 6] (attention heads × batch, traced at batch 1) → MatMul v [6, 3] → a [2, 2, 3]. At batch 4 the
     * Reshape cannot hold 96 elements in [2, 2, 6]: the shapes stay per sample. MACs per sample: z 4 × 6 × 3 = 72, a
     * 2 × 2 × 6 × 3 = 72: 144.
     */
    @Test
    void aBatchFoldedInsideTheGraphIsFoundThoughTheOutputsFollow() {
        Graph g = new TinyGraph()
                .input("x", 1, 4, 6)
                .ints("heads_by_batch", 2, 2, 6)
                .weight("w", 6, 3)
                .weight("v", 6, 3)
                .node("MatMul", List.of("x", "w"), "z")
                .node("Reshape", List.of("x", "heads_by_batch"), "h")
                .node("MatMul", List.of("h", "v"), "a")
                .output("z")
                .build();
        List<ValueInfo> inputs = List.of(g.inputs().get(0).withBatchAxis(0));
        List<ValueInfo> outputs = List.of(new ValueInfo("z", TensorType.of(DType.FLOAT32, 1, 4, 3)));
        Graph marked = new Graph(g.name(), g.nodes(), inputs, outputs, g.tensors(), g.declaredValues(), g.opsets());
        ImportedModel m = new ImportedModel("onnx", "t.onnx", 0, marked, List.of(), Map.of(), List.of());
        Report r = new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT.withBatch(4));
        assertEquals(1, r.shapeSamples(), "shapes per sample");
        assertEquals("[1, 4, 3]", r.outputs().get(0).type().shape().toString());
        assertEquals(144, r.macs());
        assertTrue(
                r.diagnostics().stream()
                        .anyMatch(d -> d.severity() == Diagnostic.Severity.WARNING
                                && d.message().contains("node 'h' (Reshape) does not grow with the batch")),
                r.diagnostics().toString());
    }
}
