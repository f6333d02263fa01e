package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RolePattern;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns each stored tensor (in the graph and its subgraphs) a role: the one the format declares, else
 * the one its consumers give it (Conv input 1 → weight, BatchNormalization mean → statistic, Clip min →
 * constant), else floating point → other parameter and integer → constant. Integers wider than 8 bits are
 * shapes and indices, never parameters, unless a consumer takes them as a bias or a quantization zero point (int32
 * biases of QLinearConv); int8/int4 tensors consumed as weights are quantized weights.
 * Some roles need the graph, not one node (a linear layer's bias after MatMul, a LayerNorm exported op by op):
 * the registry's {@link RolePattern}s suggest those first.
 */
public final class ParameterRoles {
    private ParameterRoles() {}

    /** Stored tensors by name, with role and trainable flag resolved, in the order of the file. */
    public static Map<String, Tensor> resolve(Graph root, OpRegistry registry) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, TensorRole> suggested = new LinkedHashMap<>();
        for (Graph g : GraphWalk.allGraphs(root)) {
            for (RolePattern pattern : registry.rolePatterns()) {
                pattern.suggest(g, suggested);
            }
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
        for (Graph g : GraphWalk.allGraphs(root)) {
            PackedWeights.unpack(g, out);
        }
        return out;
    }

    private static TensorRole infer(Tensor t, TensorRole suggestion) {
        DType d = t.dtype();
        boolean wideInteger = d.kind() != DType.Kind.FLOAT && d.bits() > 8 || d == DType.BOOL || d == DType.STRING;
        // an int32 bias of QLinearConv or DequantizeLinear, an int32 zero point: the consumer says what it is
        boolean claimedNumber = suggestion == TensorRole.BIAS || suggestion == TensorRole.QUANTIZATION;
        if (wideInteger && !(claimedNumber && d != DType.BOOL && d != DType.STRING)) {
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
