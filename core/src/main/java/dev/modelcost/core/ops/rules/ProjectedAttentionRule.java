package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * com.microsoft MultiHeadAttention and GroupQueryAttention: the projections ran before, Q, K, V are inputs.
 * MHA: query [B, S, Dq], key [B, L, Dk], value [B, L, Dv], past_key/value [B, heads, P, head] (inputs 6, 7);
 * output [B, S, Dv]. GQA (query heads share kv_num_heads K/V heads): query [B, S, heads·head] (or packed
 * [B, S, (heads + 2·kv_heads)·head] without key), past_key/value [B, kv_heads, P, head] (inputs 3, 4),
 * total_sequence_length (input 6); output [B, S, heads·head], the query's width, never the key/value width.
 */
final class ProjectedAttentionRule implements OpRule {
    private final boolean grouped;

    private ProjectedAttentionRule(boolean grouped) {
        this.grouped = grouped;
    }

    static ProjectedAttentionRule multiHead() {
        return new ProjectedAttentionRule(false);
    }

    static ProjectedAttentionRule groupQuery() {
        return new ProjectedAttentionRule(true);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(Domains.MICROSOFT, grouped ? "GroupQueryAttention" : "MultiHeadAttention", 1));
    }

    private int pastKeyInput() {
        return grouped ? 3 : 6;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType q = ctx.input(0);
        Shape s = q.shape();
        if (!s.hasRank() || s.rank() != 3) {
            ctx.setOutput(
                    0, new TensorType(q.dtype(), s.hasRank() ? Shape.unknownOfRank(s.rank()) : Shape.UNKNOWN_RANK));
            return;
        }
        ctx.setOutput(0, new TensorType(q.dtype(), Shape.of(List.of(s.dim(0), s.dim(1), outputWidth(ctx)))));
        Shape past = ctx.input(pastKeyInput()).shape();
        if (ctx.node().outputs().size() > 1 && past.hasRank() && past.rank() == 4) {
            Dim total = presentLength(ctx, past.dim(2));
            for (int i = 1; i <= 2 && i < ctx.node().outputs().size(); i++) {
                Shape p = ctx.input(pastKeyInput() + i - 1).shape();
                Dim head = p.hasRank() && p.rank() == 4 ? p.dim(3) : Dim.UNKNOWN;
                ctx.setOutput(
                        i,
                        new TensorType(
                                ctx.input(pastKeyInput()).dtype(),
                                Shape.of(List.of(s.dim(0), past.dim(1), total, head))));
            }
        }
    }

    /** GQA: query width (heads·head); MHA: value width; packed QKV: the query's share of it. */
    private Dim outputWidth(NodeContext ctx) {
        Dim dq = ctx.input(0).shape().dim(2);
        long heads = ctx.node().intAttr("num_heads", 0);
        long kvHeads = ctx.node().intAttr("kv_num_heads", 0);
        if (!ctx.hasInput(1)) {
            return grouped && heads > 0 && kvHeads > 0 && dq.isFixed()
                    ? Dim.of(dq.size() / (heads + 2 * kvHeads) * heads)
                    : grouped ? Dim.UNKNOWN : dq;
        }
        if (grouped) {
            return dq;
        }
        Shape v = ctx.input(2).shape();
        return ctx.hasInput(2) && v.hasRank() && v.rank() == 3
                ? v.dim(2)
                : ctx.hasInput(2) && v.hasRank() && v.rank() == 4 ? DimMath.mul(v.dim(1), v.dim(3)) : dq;
    }

    /** Keys attended: past P plus the new keys, or GQA's total_sequence_length when it is known. */
    private Dim presentLength(NodeContext ctx, Dim past) {
        if (grouped) {
            var total = ctx.inputValues(6);
            if (total.isPresent()
                    && total.get().isInteger()
                    && total.get().size() == 1
                    && total.get().longAt(0) >= 0) {
                long t = total.get().longAt(0);
                return past.isFixed() ? Dim.of(Math.max(past.size(), t)) : Dim.of(t);
            }
        }
        return DimMath.add(past, newKeys(ctx));
    }

    /** The new keys of this step: key [B, L, Dk] (the query's S when packed or absent). */
    private Dim newKeys(NodeContext ctx) {
        Shape k = ctx.input(1).shape();
        if (ctx.hasInput(1) && k.hasRank() && k.rank() == 3) {
            return k.dim(1);
        }
        if (ctx.hasInput(1)
                && k.hasRank()
                && k.rank() == 4) { // MHA cross-attention with projected keys [B, heads, L, head]
            return k.dim(2);
        }
        return ctx.input(0).shape().dim(1);
    }

    /** Keys each query attends to: past + new keys (a 4-D key already holds them all). */
    private Optional<Dim> attendedKeys(NodeContext ctx) {
        Shape past = ctx.input(pastKeyInput()).shape();
        Shape k = ctx.input(1).shape();
        if (!grouped && ctx.hasInput(1) && k.hasRank() && k.rank() == 4) {
            return Optional.of(k.dim(2));
        }
        Dim p = ctx.hasInput(pastKeyInput()) && past.hasRank() && past.rank() == 4 ? past.dim(2) : Dim.of(0);
        if (grouped && ctx.hasInput(pastKeyInput())) {
            var total = ctx.inputValues(6);
            if (total.isPresent()
                    && total.get().isInteger()
                    && total.get().size() == 1
                    && total.get().longAt(0) >= 0) {
                return Optional.of(Dim.of(total.get().longAt(0)));
            }
        }
        return Optional.of(DimMath.add(p, newKeys(ctx)));
    }

    /** QKᵀ B·S·T·Dq plus A·V B·S·T·Dout over T attended keys; the projections are MatMuls of their own. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape q = ctx.input(0).shape();
        Shape out = ctx.output(0).shape();
        if (!q.isFullyKnown() || q.rank() != 3 || !out.isFullyKnown() || out.rank() != 3) {
            return OptionalLong.empty();
        }
        Optional<Dim> t = attendedKeys(ctx);
        if (t.isEmpty() || !t.get().isFixed()) {
            return OptionalLong.empty();
        }
        long qWidth = ctx.hasInput(1) ? q.dim(2).size() : out.dim(2).size();
        long perKey = Math.multiplyExact(
                Math.multiplyExact(q.dim(0).size(), q.dim(1).size()), t.get().size());
        return OptionalLong.of(Math.multiplyExact(perKey, qWidth + out.dim(2).size()));
    }

    @Override
    public String costFormula() {
        return "B*S*T*(Dq + Dout): QK^T and A*V over T = past + new keys (GQA: total_sequence_length); "
                + "K/V heads shared by query heads cost as the query heads";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        if (grouped) {
            return index == 7 || index == 8 ? TensorRole.CONSTANT : null; // cos/sin caches: computed tables
        }
        return index == 3 ? TensorRole.BIAS : null;
    }

    @Override
    public String shapeRule() {
        return grouped
                ? "[B, S, heads*head] (the query's width); present [B, kv_heads, max(past, total), head]"
                : "[B, S, Dv]; present [B, heads, past + L, head]";
    }
}
