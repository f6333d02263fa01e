package dev.modelcost.core.analysis.runtime;

import java.util.List;
import java.util.Map;

/**
 * Ops the exporter wrote as two nodes that eager PyTorch runs as one kernel writing into an existing buffer:
 * <ul>
 *   <li>{@code nn.Linear}: MatMul by a stored weight, then Add of a stored bias, is one {@code addmm}; the Add writes
 *       into the MatMul's output (when nothing else reads it);</li>
 *   <li>{@code nn.SiLU(inplace=True)}: {@code Mul(v, Sigmoid(v))} where nothing else reads {@code v} is
 *       {@code silu_}, which overwrites {@code v}: neither the Sigmoid nor the Mul allocates.</li>
 * </ul>
 * Both as an {@link Buffers.AliasRule} on top of the ideal one, switched on separately to tell each one's share.
 */
final class EagerFusions implements Buffers.AliasRule {
    private final IdealAliases ideal;
    private final boolean linearBias;
    private final boolean silu;
    private Map<String, List<Integer>> readers;
    private Map<String, Integer> producers;

    EagerFusions(IdealAliases ideal, boolean linearBias, boolean silu) {
        this.ideal = ideal;
        this.linearBias = linearBias;
        this.silu = silu;
    }

    @Override
    public String aliasOf(ExecGraph eg, int step, int index, Buffers soFar) {
        if (index == 0 && (linearBias || silu)) {
            if (readers == null) {
                readers = eg.readers();
            }
            ExecGraph.Step s = eg.steps().get(step);
            String fused =
                    switch (s.op()) {
                        case "Add" -> linearBias ? linearBias(eg, s) : null;
                        case "Sigmoid" -> silu && siluInput(eg, step) != null ? siluInput(eg, step) : null;
                        case "Mul" -> silu ? siluMul(eg, step) : null;
                        default -> null;
                    };
            if (fused != null
                    && soFar.bufferOf(fused) != null
                    && !eg.graphOutputs().contains(fused)) {
                return fused;
            }
        }
        return ideal.aliasOf(eg, step, index, soFar);
    }

    /** The MatMul output an Add of a stored bias writes into. */
    private String linearBias(ExecGraph eg, ExecGraph.Step add) {
        if (add.inputs().size() != 1 || add.node().inputs().size() != 2) {
            return null;
        }
        String product = add.inputs().get(0);
        Integer producer = producerOf(eg, product);
        return producer != null
                        && eg.steps().get(producer).op().equals("MatMul")
                        && readers.getOrDefault(product, List.of()).size() == 1
                ? product
                : null;
    }

    /** For a Sigmoid whose input {@code v} is read only by it and by a Mul with its output: {@code v}. */
    private String siluInput(ExecGraph eg, int step) {
        ExecGraph.Step s = eg.steps().get(step);
        if (s.inputs().size() != 1) {
            return null;
        }
        String v = s.inputs().get(0);
        String sig = s.outputs().get(0);
        List<Integer> vReaders = readers.getOrDefault(v, List.of());
        List<Integer> sigReaders = readers.getOrDefault(sig, List.of());
        if (vReaders.size() != 2 || sigReaders.size() != 1 || !vReaders.contains(sigReaders.get(0))) {
            return null;
        }
        ExecGraph.Step mul = eg.steps().get(sigReaders.get(0));
        return mul.op().equals("Mul")
                        && mul.inputs().size() == 2
                        && !eg.graphInputs().contains(v)
                ? v
                : null;
    }

    private String siluMul(ExecGraph eg, int step) {
        ExecGraph.Step mul = eg.steps().get(step);
        for (String in : mul.inputs()) {
            Integer p = producerOf(eg, in);
            if (p != null && eg.steps().get(p).op().equals("Sigmoid") && siluInput(eg, p) != null) {
                return siluInput(eg, p);
            }
        }
        return null;
    }

    private Integer producerOf(ExecGraph eg, String value) {
        if (producers == null) {
            producers = eg.producers();
        }
        return producers.get(value);
    }
}
