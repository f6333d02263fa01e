package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A value computed from the data whose size does not depend on the batch is the same bytes for any batch: fixed, not
 * per sample, so the figures per sample do not change with {@code --batch}.
 */
class BatchIndependenceTest {
    /** x [B, 4] → ReduceMean over the batch axis → m [4] (4 values whatever B); y = x + m [B, 4]. */
    private static Report analyze(long batch) {
        Graph g = new TinyGraph()
                .symbolicInput("x", "B", 4)
                .node("ReduceMean", List.of("x"), "m", Map.of("axes", TinyGraph.ints(0), "keepdims", new Attr.Int(0)))
                .node("Add", List.of("x", "m"), "y")
                .output("y")
                .build();
        ImportedModel model = new ImportedModel("onnx", "t.onnx", 0, g, List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(model, Assumptions.DEFAULT.withBatch(batch));
    }

    /**
     * Per sample: the input's 4 values and y's 4: 8 (m is not per sample). While the Add runs, x (16 B per sample), y
     * (16 B per sample) and m (16 B for any batch) are alive: 16 fixed + B × 32.
     */
    @Test
    void aValueOfTheSameSizeAtEveryBatchIsFixed() {
        for (long batch : new long[] {1, 3}) {
            Report r = analyze(batch);
            assertEquals(8, r.activations().layerOutputElements(), "batch " + batch);
            assertEquals(16, r.activations().peakLive().fixedBytes(), "batch " + batch);
            assertEquals(32, r.activations().peakLive().perSampleBytes(), "batch " + batch);
        }
    }
}
