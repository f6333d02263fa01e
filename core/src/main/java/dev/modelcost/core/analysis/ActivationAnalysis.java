package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.BatchScaledBytes;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Activation memory over the schedule, in stages: {@link ActivationBuffers} places each value in a buffer (its own,
 * or the one it aliases); each buffer is then alive from the step that writes it to the last step that reads any
 * of its aliases (graph inputs from the start, graph outputs to the end); the live bytes per step are summed on a
 * {@link Timeline}, and the peak is read off it. Values whose content is known without running the model
 * (computed shapes) or that no data input reaches (a weight transposed at run time) are fixed; all others scale
 * with the batch.
 */
public final class ActivationAnalysis {

    /**
     * Per node: the elements and bytes it allocates per sample; {@code shapesKnown} is false when an output it
     * allocates has an unknown shape (its elements are then a lower bound).
     */
    public record Allocated(long elements, long bytes, boolean shapesKnown) {}

    /**
     * @param liveBytesAfterStep bytes alive for the assumed batch while each node of the schedule runs (its inputs
     *                           still held, its outputs written), in schedule order
     */
    public record Result(ActivationSummary summary, Map<Node, Allocated> perNode, long[] liveBytesAfterStep) {
        public Result {
            perNode = Collections.unmodifiableMap(perNode); // by node identity, as built
            liveBytesAfterStep = liveBytesAfterStep.clone();
        }

        /** A copy: the result stays immutable. */
        @Override
        public long[] liveBytesAfterStep() {
            return liveBytesAfterStep.clone();
        }
    }

    /** Live bytes per slot: slot 0 is before the first node (the inputs), slot i ≥ 1 while the i-th node runs. */
    private record Live(List<BatchScaledBytes> all, List<BatchScaledBytes> beyondInputs) {}

    private ActivationAnalysis() {}

    public static Result run(Graph g, InferredTypes types, OpRegistry registry, Assumptions a) {
        List<Node> order = types.schedule().all();
        ActivationBuffers buffers = ActivationBuffers.allocate(g, types, registry, a);
        Map<String, Integer> lastUse = lastUse(g, order, buffers.bufferOf());
        Live live = sweep(buffers, lastUse, order.size() + 1);
        return summarise(order, buffers, live, a.batch());
    }

    /** Per buffer, the last step that reads it (or any alias of it); {@code Integer.MAX_VALUE} for graph outputs. */
    private static Map<String, Integer> lastUse(Graph g, List<Node> order, Map<String, String> bufferOf) {
        Map<String, Integer> lastUse = new HashMap<>();
        for (int step = 0; step < order.size(); step++) {
            for (String in : order.get(step).inputs()) {
                String b = bufferOf.get(in);
                if (b != null) {
                    lastUse.put(b, step);
                }
            }
        }
        g.outputs().forEach(out -> {
            String b = bufferOf.get(out.name());
            if (b != null) {
                lastUse.put(b, Integer.MAX_VALUE);
            }
        });
        return lastUse;
    }

    /** Each buffer counts from the step that writes it to its last reader. */
    private static Live sweep(ActivationBuffers buffers, Map<String, Integer> lastUse, int steps) {
        Timeline all = new Timeline(steps);
        Timeline beyondInputs = new Timeline(steps);
        for (ActivationBuffers.Buffer b : buffers.buffers()) {
            int from = b.firstStep() + 1;
            int last = lastUse.getOrDefault(b.name(), b.firstStep());
            int to = last == Integer.MAX_VALUE ? steps - 1 : Math.max(last + 1, from);
            all.add(from, to, b.bytes());
            if (b.firstStep() >= 0) {
                beyondInputs.add(from, to, b.bytes());
            }
        }
        return new Live(all.live(), beyondInputs.live());
    }

    private static Result summarise(List<Node> order, ActivationBuffers buffers, Live live, long batch) {
        int steps = order.size() + 1;
        int peakSlot = Timeline.argmax(live.all(), batch, 0, steps - 1);
        BatchScaledBytes peak = live.all().get(peakSlot);
        long peakPerSample =
                live.all().get(Timeline.argmax(live.all(), 1, 0, steps - 1)).atBatch(1);
        long peakBeyond = live.beyondInputs()
                .get(Timeline.argmax(live.beyondInputs(), batch, 0, steps - 1))
                .atBatch(batch);
        String peakNode = peakSlot == 0 ? "(inputs)" : order.get(peakSlot - 1).label();
        long[] livePerStep = new long[steps];
        for (int i = 0; i < steps; i++) {
            livePerStep[i] = live.all().get(i).atBatch(batch);
        }
        long[] liveAfter = Arrays.copyOfRange(livePerStep, 1, steps);
        ActivationSummary summary = new ActivationSummary(
                batch,
                buffers.elements(),
                buffers.bytes(),
                peakPerSample,
                peak,
                peakSlot,
                peakNode,
                buffers.complete(),
                peakBeyond,
                livePerStep,
                null);
        return new Result(summary, buffers.perNode(), liveAfter);
    }
}
