package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * com.microsoft Attention (ORT-optimised BERT/GPT-2): input [B, S, D_in], packed weights [D_in, Hq + Hk + Hv], bias,
 * mask_index, past [2, B, heads, P, head]. Output [B, S, Hv]; present [2, B, heads, P + S, head]. Hv from
 * qkv_hidden_sizes or a third of the weights' columns.
 */
final class AttentionRule implements OpRule {
    private static final int PAST = 4;

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(Domains.MICROSOFT, "Attention", 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 3) {
            ctx.setOutput(0, new TensorType(x.dtype(), s.hasRank() ? Shape.unknownOfRank(s.rank()) : s));
            return;
        }
        Dim[] hidden = hiddenSizes(ctx);
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(List.of(s.dim(0), s.dim(1), hidden[2]))));
        if (ctx.node().outputs().size() > 1) {
            Shape past = ctx.input(PAST).shape();
            long heads = ctx.node().intAttr("num_heads", 0);
            Dim head = heads > 0 && hidden[1].isFixed() ? Dim.of(hidden[1].size() / heads) : Dim.UNKNOWN;
            Dim total = pastLength(ctx).map(p -> DimMath.add(p, s.dim(1))).orElse(s.dim(1));
            ctx.setOutput(
                    1,
                    new TensorType(
                            x.dtype(),
                            Shape.of(List.of(
                                    Dim.of(2),
                                    s.dim(0),
                                    heads > 0
                                            ? Dim.of(heads)
                                            : past.hasRank() && past.rank() == 5 ? past.dim(2) : Dim.UNKNOWN,
                                    total,
                                    head))));
        }
    }

    /** Past length P of the past input [2, B, heads, P, head]; empty without a past. */
    private static Optional<Dim> pastLength(NodeContext ctx) {
        Shape past = ctx.input(PAST).shape();
        return ctx.hasInput(PAST) && past.hasRank() && past.rank() == 5 ? Optional.of(past.dim(3)) : Optional.empty();
    }

    /** {Hq, Hk, Hv}: qkv_hidden_sizes, or a third of the weights' columns each. */
    private static Dim[] hiddenSizes(NodeContext ctx) {
        var sizes = ctx.node().intsAttr("qkv_hidden_sizes");
        if (sizes.isPresent()
                && sizes.get().length == 3
                && Arrays.stream(sizes.get()).allMatch(v -> v >= 0)) {
            return new Dim[] {Dim.of(sizes.get()[0]), Dim.of(sizes.get()[1]), Dim.of(sizes.get()[2])};
        }
        Shape w = ctx.input(1).shape();
        Dim third = w.hasRank() && w.rank() == 2 && w.dim(1).isFixed()
                ? Dim.of(w.dim(1).size() / 3)
                : Dim.UNKNOWN;
        return new Dim[] {third, third, third};
    }

    /** Projection B·S·W (W = weight elements), scores B·S·T·Hq and context B·S·T·Hv over T = P + S keys. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape x = ctx.input(0).shape();
        Dim[] hidden = hiddenSizes(ctx);
        OptionalLong w = ctx.input(1).shape().elementCount();
        if (!x.isFullyKnown() || x.rank() != 3 || w.isEmpty() || !hidden[0].isFixed() || !hidden[2].isFixed()) {
            return OptionalLong.empty();
        }
        Dim t = pastLength(ctx).map(p -> DimMath.add(p, x.dim(1))).orElse(x.dim(1));
        if (!t.isFixed()) {
            return OptionalLong.empty();
        }
        long tokens = Math.multiplyExact(x.dim(0).size(), x.dim(1).size());
        long attend = Math.multiplyExact(Math.multiplyExact(tokens, t.size()), hidden[0].size() + hidden[2].size());
        return OptionalLong.of(Math.addExact(Math.multiplyExact(tokens, w.getAsLong()), attend));
    }

    @Override
    public String costFormula() {
        return "B*S*W (W = packed QKV weight elements) + B*S*T*(Hq + Hv), T = past + S keys (QK^T and A*V)";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1
                ? TensorRole.WEIGHT
                : index == 2 ? TensorRole.BIAS : index == 0 || index == PAST ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "[B, S, Hv] (qkv_hidden_sizes or weights / 3); present [2, B, heads, past + S, head]";
    }
}
