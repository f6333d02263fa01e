package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.Allocation;

import java.util.List;
import java.util.Set;

/**
 * ONNX Runtime's allocation planner: views share their input's buffer; a kernel that declares it may run in place
 * (elementwise activations, Add/Sub/Mul/Div/Sum, a blocked convolution accumulating into its Sum input) writes into
 * an input whose buffer nothing reads afterwards, when the sizes match and the buffer is neither the caller's input
 * nor returned to the caller. ONNX Runtime does this for any input, where the ideal figure only lets an activation
 * reuse a value read by nothing else.
 */
final class OrtAliases implements Buffers.AliasRule {
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "Sum");

    private final IdealAliases ideal;
    private final boolean inPlace;

    OrtAliases(IdealAliases ideal, boolean inPlace) {
        this.ideal = ideal;
        this.inPlace = inPlace;
    }

    @Override
    public String aliasOf(ExecGraph eg, int step, int index, Buffers soFar) {
        if (!inPlace) {
            return ideal.aliasOf(eg, step, index, soFar);
        }
        ExecGraph.Step s = eg.steps().get(step);
        if (index != 0 || s.inputs().isEmpty()) {
            return null;
        }
        Node n = s.node();
        boolean original = n != null && n.opType().equals(s.op());
        Allocation a = original ? ideal.allocation(n) : Allocation.NEW;
        if (a == Allocation.VIEW) {
            return soFar.bufferOf(n.input(0)) != null ? n.input(0) : null;
        }
        List<String> candidates;
        if (s.op().equals("NchwcConvSum")) {
            candidates = List.of(s.inputs().get(s.inputs().size() - 1));
        } else if (BINARY.contains(s.op())) {
            candidates = s.inputs();
        } else if (a == Allocation.IN_PLACE || Set.of("Relu", "Sigmoid", "Tanh").contains(s.op())) {
            candidates = s.inputs().subList(0, 1);
        } else {
            return null;
        }
        String out = s.outputs().get(0);
        for (String c : candidates) {
            if (soFar.bufferOf(c) != null
                    && !soFar.isCallers(c)
                    && soFar.bufferEnd(c) <= step
                    && soFar.bytesOfBuffer(c) == eg.bytesOf(out)
                    && !eg.graphOutputs().contains(out)
                    && !eg.graphOutputs().contains(c)) {
                return c;
            }
        }
        return null;
    }
}
