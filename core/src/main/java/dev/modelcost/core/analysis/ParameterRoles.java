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
 * vector is the layer's bias, not an "other" parameter.
 */
public final class ParameterRoles {
    private ParameterRoles() { }

    /** Stored tensors by name, with role and trainable flag resolved, in the order of the file. */
    public static Map<String, Tensor> resolve(Graph root, OpRegistry registry) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, TensorRole> suggested = new LinkedHashMap<>();
        for (Graph g : GraphWalk.allGraphs(root)) {
            linearBiases(g, suggested);
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
    private static void linearBiases(Graph g, Map<String, TensorRole> suggested) {
        Map<String, Node> producers = new HashMap<>();
        for (Node n : g.nodes()) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
        }
        for (Node add : g.nodes()) {
            if (!add.domain().isEmpty() || !add.opType().equals("Add") || add.inputs().size() != 2) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Node matMul = producers.get(add.input(side));
                Tensor bias = g.tensors().get(add.input(1 - side));
                if (matMul == null || bias == null || !matMul.domain().isEmpty() || !matMul.opType().equals("MatMul")
                        || matMul.inputs().size() != 2 || !bias.dtype().isFloating() || !bias.shape().isFullyKnown()) {
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
        return d.isFloating() ? TensorRole.OTHER_PARAMETER : TensorRole.CONSTANT;
    }
}
