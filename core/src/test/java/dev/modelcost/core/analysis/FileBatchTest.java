package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch the file fixes on a marked input axis is the report's batch; per-sample figures are divided by it. */
class FileBatchTest {
    /** x [10, 4] (axis 0 marked as the file's batch) · w [4, 3] -> y [10, 3]. */
    private static Report analyze(Assumptions a) {
        Graph g = new TinyGraph()
                .input("x", 10, 4)
                .weight("w", 4, 3)
                .node("MatMul", List.of("x", "w"), "y")
                .output("y")
                .build();
        List<ValueInfo> inputs = g.inputs().stream()
                .map(v -> v.name().equals("x") ? v.withBatchAxis(0) : v)
                .toList();
        Graph marked = new Graph(g.name(), g.nodes(), inputs, g.outputs(), g.tensors(), g.declaredValues(), g.opsets());
        ImportedModel m = new ImportedModel("onnx", "t.onnx", 0, marked, List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, a);
    }

    @Test
    void theFilesBatchIsReportedAsStoredWithPerSampleFiguresDividedByIt() {
        Report r = analyze(Assumptions.DEFAULT);
        assertEquals(10, r.assumptions().batch());
        assertFalse(r.assumptions().batchGiven());
        // Per sample: 4 inputs x 3 outputs = 12 MACs; 4 input + 3 output values.
        assertEquals(12, r.macs());
        assertEquals(7, r.activations().layerOutputElements());
        assertEquals(3, r.layers().get(0).activationElements());
        assertEquals("[10, 3]", r.layers().get(0).output().shape().toString(), "shapes for the batch, as stored");
        // Both buffers live at once: 10 x (4 + 3) fp32 values = 280 bytes for the batch, 28 per sample.
        assertEquals(280, r.activations().peakLiveBytes());
        assertEquals(28, r.activations().peakLive().perSampleBytes());
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("the file fixes batch 10")),
                r.diagnostics().toString());
    }

    @Test
    void aGivenBatchRebatchesTheFixedAxis() {
        Report r = analyze(Assumptions.DEFAULT.withBatch(4));
        assertEquals(4, r.assumptions().batch());
        assertEquals(12, r.macs(), "per sample, not for 10 or 40 samples");
        assertEquals("[4, 3]", r.layers().get(0).output().shape().toString());
        assertEquals(4 * 28, r.activations().peakLiveBytes());
        assertEquals("[4, 4]", r.inputs().get(0).type().shape().toString());
        assertEquals(4, r.inputs().get(0).elementsPerSample());
    }
}
