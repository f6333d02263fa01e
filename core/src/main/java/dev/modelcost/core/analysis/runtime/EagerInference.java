package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.RuntimeTerm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * PyTorch eager inference on the CPU ({@code torch.no_grad()}, one intra-op thread): the peak of the c10 allocator
 * above what exists before the call (weights, the input), as its profiler reports it. Every tensor is freed when its
 * last reference goes, as the ideal figure assumes; the terms are what PyTorch holds or allocates beyond that, each a
 * rule on the graph's shapes and ops (docs/memory.md, "Runtime profiles").
 */
final class EagerInference {
    /** The mechanisms, in the order they are applied. */
    enum Mechanism {
        MODULE_ARGUMENTS("moduleArguments"),
        LINEAR_BIAS_IN_PLACE("linearBiasInPlace"),
        SILU_IN_PLACE("siluInPlace"),
        BATCH_NORM_UNFUSED("batchNormUnfused"),
        BATCH_NORM_STATISTICS("batchNormStatistics"),
        CONVOLUTION_OUTPUT_COPY("convolutionOutputCopy"),
        CONVOLUTION_WEIGHT_REORDER("convolutionWeightReorder"),
        CONVOLUTION_INPUT_REORDER("convolutionInputReorder"),
        CONVOLUTION_STRIDED_SCRATCH("convolutionStridedScratch"),
        CONVOLUTION_COLUMNS("convolutionColumns"),
        MAX_POOL_INDICES("maxPoolIndices");

        final String key;

        Mechanism(String key) {
            this.key = key;
        }
    }

    private final ExecGraph eg;
    private final IdealAliases aliases;
    private final ConvolutionNode[] convolutions;
    private final boolean[] foldedBatchNorm;
    private final long[] batchNormChannels;
    private final long[] maxPoolIndexBytes;

    private EagerInference(Graph g, InferredTypes types, OpRegistry registry, ExecGraph eg) {
        this.eg = eg;
        this.aliases = new IdealAliases(g, registry);
        int n = eg.steps().size();
        convolutions = new ConvolutionNode[n];
        foldedBatchNorm = new boolean[n];
        batchNormChannels = new long[n];
        maxPoolIndexBytes = new long[n];
        for (int k = 0; k < n; k++) {
            Node node = eg.steps().get(k).node();
            String op = node.domain().isEmpty() ? node.opType() : "";
            if (op.equals("Conv")) {
                convolutions[k] = ConvolutionNode.of(node, eg, types);
                foldedBatchNorm[k] = convolutions[k] != null && FoldedBatchNorm.isFolded(node);
            } else if (op.equals("BatchNormalization")) {
                long[] x = eg.shapeOf(node.input(0));
                batchNormChannels[k] = x.length > 1 ? x[1] : 0;
            } else if (op.equals("MaxPool") && node.outputs().size() == 1) {
                long[] y = eg.shapeOf(node.outputs().get(0));
                maxPoolIndexBytes[k] = y.length == 4 ? y[0] * y[1] * y[2] * y[3] * Long.BYTES : 0;
            }
        }
    }

    /** The prediction for the graph whose ideal peak beyond its inputs is {@code idealBytes}. */
    static RuntimeEstimate estimate(Graph g, InferredTypes types, OpRegistry registry, ExecGraph eg, long idealBytes) {
        EagerInference sim = new EagerInference(g, types, registry, eg);
        List<RuntimeTerm> terms = new ArrayList<>();
        Set<Mechanism> on = EnumSet.noneOf(Mechanism.class);
        Peak previous = sim.peak(on);
        if (previous.bytes() != idealBytes) {
            terms.add(new RuntimeTerm("valuesNotAllocated", previous.bytes() - idealBytes));
        }
        for (Mechanism m : Mechanism.values()) {
            on.add(m);
            Peak next = sim.peak(on);
            if (next.bytes() != previous.bytes()) {
                terms.add(new RuntimeTerm(m.key, next.bytes() - previous.bytes()));
            }
            previous = next;
        }
        return new RuntimeEstimate("pytorch", idealBytes, previous.bytes(), previous.at(), terms);
    }

    private record Peak(long bytes, String at) {}

    private Peak peak(Set<Mechanism> on) {
        Buffers buffers = Buffers.plan(
                eg,
                new EagerFusions(
                        aliases, on.contains(Mechanism.LINEAR_BIAS_IN_PLACE), on.contains(Mechanism.SILU_IN_PLACE)));
        if (on.contains(Mechanism.MODULE_ARGUMENTS)) {
            ModuleScopes.holdArguments(eg, buffers);
        }
        long[] live = buffers.liveBytes();
        long[] freed = buffers.freedAfter();
        long best = 0;
        String at = "";
        for (int k = 0; k < live.length; k++) {
            long during = live[k] + during(k, on);
            long after = live[k] - freed[k] + after(k, on);
            if (Math.max(during, after) > best) {
                best = Math.max(during, after);
                at = eg.steps().get(k).node().label();
            }
        }
        return new Peak(best, at);
    }

    /** Bytes a step allocates while it runs and frees before it returns. */
    private long during(int k, Set<Mechanism> on) {
        long bytes = 0;
        ConvolutionNode c = convolutions[k];
        if (c != null) {
            bytes += c.eager()
                    .transientBytes(
                            c.outputBytes(),
                            on.contains(Mechanism.CONVOLUTION_OUTPUT_COPY),
                            on.contains(Mechanism.CONVOLUTION_WEIGHT_REORDER),
                            on.contains(Mechanism.CONVOLUTION_INPUT_REORDER),
                            on.contains(Mechanism.CONVOLUTION_STRIDED_SCRATCH),
                            on.contains(Mechanism.CONVOLUTION_COLUMNS));
        }
        if (on.contains(Mechanism.BATCH_NORM_STATISTICS)) {
            bytes += 2 * batchNormChannels[k] * Float.BYTES;
        }
        if (on.contains(Mechanism.MAX_POOL_INDICES)) {
            bytes += maxPoolIndexBytes[k];
        }
        return bytes;
    }

    /**
     * Bytes of the BatchNorm that eager PyTorch runs after a convolution the exporter folded it into: its output
     * (and batch statistics) beside the convolution's, once the convolution's inputs are freed.
     */
    private long after(int k, Set<Mechanism> on) {
        if (!foldedBatchNorm[k] || !on.contains(Mechanism.BATCH_NORM_UNFUSED)) {
            return 0;
        }
        long stats = on.contains(Mechanism.BATCH_NORM_STATISTICS)
                ? 2 * convolutions[k].output()[1] * Float.BYTES
                : 0;
        return convolutions[k].outputBytes() + stats;
    }
}
