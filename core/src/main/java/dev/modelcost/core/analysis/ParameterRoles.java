package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns each stored tensor (in the graph and its subgraphs) a role: the one the format declares, else
 * the one its consumers give it (Conv input 1 → weight, BatchNormalization mean → statistic, Clip min →
 * constant), else floating point → other parameter and integer → constant. Integers wider than 8 bits are
 * shapes and indices, never parameters; int8/int4 tensors consumed as weights are quantized weights.
 * One pattern needs the graph, not one node: a linear layer exported as MatMul by a stored [K, N] weight followed
 * by Add of a stored [N] (or [1, N]) vector (PyTorch's Linear on inputs of rank 3 and more, so every transformer): that
 * vector is the layer's bias, not an "other" parameter. Likewise LayerNorm exported below opset 17 as
 * ReduceMean, Sub, ..., Div, then Mul by a stored gamma and Add of a stored beta: both are norm scale/shift.
 */
public final class ParameterRoles {
    private ParameterRoles() { }

    /** Stored tensors by name, with role and trainable flag resolved, in the order of the file. */
    public static Map<String, Tensor> resolve(Graph root, OpRegistry registry) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, TensorRole> suggested = new LinkedHashMap<>();
        for (Graph g : GraphWalk.allGraphs(root)) {
            Map<String, Node> producers = producers(g);
            linearBiases(g, producers, suggested);
            decomposedLayerNorms(g, producers, suggested);
            expandedInitialStates(g, producers, suggested);
        }
        for (Graph g : GraphWalk.allGraphs(root)) {
            for (Node n : g.nodes()) {
                Optional<OpRule> rule = registry.find(n.domain(), n.opType(), g.opsetFor(n.domain()));
                for (int i = 0; i < n.inputs().size(); i++) {
                    String in = n.input(i);
                    if (in.isEmpty() || suggested.containsKey(in) && suggested.get(in) != TensorRole.CONSTANT) {
                        continue;
                    }
                    TensorRole r = rule.isPresent() ? rule.get().roleOfInput(i) : null;
                    if (r != null) {
                        suggested.put(in, r);
                    }
                }
            }
        }
        for (Graph g : GraphWalk.allGraphs(root)) {
            for (Tensor t : g.tensors().values()) {
                TensorRole role = t.declaredRole() != null ? t.declaredRole() : infer(t, suggested.get(t.name()));
                boolean trainable = t.declaredTrainable() != null ? t.declaredTrainable() : role.trainableByDefault();
                out.putIfAbsent(t.name(), t.withRole(role, trainable));
            }
        }
        return out;
    }

    /** Suggests BIAS for the stored [N] or [1, ..., N] addend of an Add that follows a MatMul by a stored [K, N] weight. */
    private static void linearBiases(Graph g, Map<String, Node> producers, Map<String, TensorRole> suggested) {
        for (Node add : g.nodes()) {
            if (!isOp(add, "Add", 2)) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Node matMul = producers.get(add.input(side));
                Tensor bias = g.tensors().get(add.input(1 - side));
                if (matMul == null || bias == null || !isOp(matMul, "MatMul", 2)
                        || !bias.dtype().isFloating() || !bias.shape().isFullyKnown()) {
                    continue;
                }
                Tensor weight = g.tensors().get(matMul.input(1));
                if (weight == null || !weight.shape().isFullyKnown() || weight.shape().rank() != 2) {
                    continue;
                }
                if (isRowOf(bias.shape().sizes(), weight.shape().sizes()[1])) {
                    suggested.putIfAbsent(bias.name(), TensorRole.BIAS);
                }
            }
        }
    }

    /**
     * Suggests NORM_SCALE_SHIFT for gamma in Mul(normalized, gamma) and for beta in the Add of a stored per-channel
     * vector that follows that Mul, where normalized is Div(Sub(x, ReduceMean(x)), ...) (PyTorch's LayerNorm below
     * opset 17) or an InstanceNormalization, possibly reshaped (its GroupNorm: the affine part comes after).
     */
    private static void decomposedLayerNorms(Graph g, Map<String, Node> producers, Map<String, TensorRole> suggested) {
        Map<String, Node> addByInput = new HashMap<>();
        for (Node n : g.nodes()) {
            if (isOp(n, "Add", 2)) {
                addByInput.putIfAbsent(n.input(0), n);
                addByInput.putIfAbsent(n.input(1), n);
            }
        }
        for (Node mul : g.nodes()) {
            if (!isOp(mul, "Mul", 2)) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Tensor gamma = g.tensors().get(mul.input(side));
                if (gamma == null || !isChannelVector(gamma) || !isNormalized(mul.input(1 - side), producers)) {
                    continue;
                }
                suggested.putIfAbsent(gamma.name(), TensorRole.NORM_SCALE_SHIFT);
                Node add = mul.outputs().isEmpty() ? null : addByInput.get(mul.outputs().get(0));
                if (add != null) {
                    String other = add.input(0).equals(mul.outputs().get(0)) ? add.input(1) : add.input(0);
                    Tensor beta = g.tensors().get(other);
                    if (beta != null && isChannelVector(beta)) {
                        suggested.putIfAbsent(beta.name(), TensorRole.NORM_SCALE_SHIFT);
                    }
                }
            }
        }
    }

    /**
     * PyTorch exports an RNN's zero initial state as a stored [dirs, 1, hidden] tensor expanded to the batch: that
     * tensor is state, like a directly stored initial state (RecurrentRule), not a parameter.
     */
    private static void expandedInitialStates(Graph g, Map<String, Node> producers, Map<String, TensorRole> suggested) {
        for (Node rnn : g.nodes()) {
            if (!isOp(rnn, "LSTM", -1) && !isOp(rnn, "GRU", -1) && !isOp(rnn, "RNN", -1)) {
                continue;
            }
            for (int i = 5; i <= 6 && i < rnn.inputs().size(); i++) {
                Node expand = producers.get(rnn.input(i));
                if (expand != null && isOp(expand, "Expand", 2) && g.tensors().containsKey(expand.input(0))) {
                    suggested.putIfAbsent(expand.input(0), TensorRole.CONSTANT);
                }
            }
        }
    }

    /** Whether {@code value} is x normalized: the LayerNorm chain's Div, or InstanceNormalization, maybe reshaped. */
    private static boolean isNormalized(String value, Map<String, Node> producers) {
        Node n = producers.get(value);
        if (n != null && isOp(n, "Reshape", 2)) {
            n = producers.get(n.input(0));
        }
        if (n == null) {
            return false;
        }
        if (isOp(n, "InstanceNormalization", 3)) {
            return true;
        }
        if (!isOp(n, "Div", 2)) {
            return false;
        }
        Node sub = producers.get(n.input(0));
        Node mean = sub == null || !isOp(sub, "Sub", 2) ? null : producers.get(sub.input(1));
        return mean != null && isOp(mean, "ReduceMean", -1) && mean.input(0).equals(sub.input(0));
    }

    private static Map<String, Node> producers(Graph g) {
        Map<String, Node> producers = new HashMap<>();
        for (Node n : g.nodes()) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
        }
        return producers;
    }

    /** A default-domain node of this type with this many inputs (any number for -1). */
    private static boolean isOp(Node n, String type, int inputs) {
        return n.domain().isEmpty() && n.opType().equals(type) && (inputs < 0 || n.inputs().size() == inputs);
    }

    /** A stored floating-point tensor with exactly one dimension above 1: [C], [C, 1], [1, C, 1, 1], ... */
    private static boolean isChannelVector(Tensor t) {
        if (!t.dtype().isFloating() || !t.shape().isFullyKnown()) {
            return false;
        }
        int above1 = 0;
        for (long d : t.shape().sizes()) {
            above1 += d > 1 ? 1 : 0;
        }
        return above1 == 1;
    }

    /** [n], or [1, ..., 1, n]: one value per output feature. */
    private static boolean isRowOf(long[] dims, long n) {
        if (dims.length == 0 || dims[dims.length - 1] != n) {
            return false;
        }
        for (int i = 0; i < dims.length - 1; i++) {
            if (dims[i] != 1) {
                return false;
            }
        }
        return true;
    }

    private static TensorRole infer(Tensor t, TensorRole suggestion) {
        DType d = t.dtype();
        boolean wideInteger = d.kind() != DType.Kind.FLOAT && d.bits() > 8 || d == DType.BOOL || d == DType.STRING;
        if (wideInteger) {
            return TensorRole.CONSTANT;
        }
        if (suggestion != null) {
            return suggestion;
        }
        // A lone float no consumer claims is an exporter's literal (an epsilon, a 2 for Pow, 1/sqrt(d)), not a
        // parameter; a learned scalar (PReLU's single slope) is claimed by its consumer above.
        if (t.shape().elementCount().orElse(Long.MAX_VALUE) <= 1) {
            return TensorRole.CONSTANT;
        }
        return d.isFloating() ? TensorRole.OTHER_PARAMETER : TensorRole.CONSTANT;
    }
}
