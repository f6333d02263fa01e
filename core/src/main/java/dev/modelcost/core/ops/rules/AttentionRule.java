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
import java.util.OptionalLong;

/**
 * com.microsoft attention. Attention(input [B, S, D_in], weights [D_in, Hq + Hk + Hv], bias): output
 * [B, S, Hv], Hv from qkv_hidden_sizes or a third of the weights' columns. MultiHeadAttention and
 * GroupQueryAttention (query [B, S, Dq], key, value [B, S_kv, Dv]): output [B, S, Dv] (Dq when value is
 * absent or packed). Present/past key-value outputs are not inferred.
 */
final class AttentionRule implements OpRule {
    private final boolean packedWeights;

    private AttentionRule(boolean packedWeights) { this.packedWeights = packedWeights; }

    /** com.microsoft Attention: one packed QKV weight and bias. */
    static AttentionRule packed() { return new AttentionRule(true); }

    /** MultiHeadAttention, GroupQueryAttention: projections done before, Q/K/V as inputs. */
    static AttentionRule projected() { return new AttentionRule(false); }

    @Override
    public List<OpKey> keys() {
        return packedWeights ? List.of(new OpKey(Domains.MICROSOFT, "Attention", 1))
                : OpKey.each(Domains.MICROSOFT, 1, "MultiHeadAttention", "GroupQueryAttention");
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 3) {
            ctx.setOutput(0, new TensorType(x.dtype(), s.hasRank() ? Shape.unknownOfRank(s.rank()) : s));
            return;
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(List.of(s.dim(0), s.dim(1), valueHidden(ctx)))));
    }

    private Dim valueHidden(NodeContext ctx) {
        if (packedWeights) {
            var sizes = ctx.node().intsAttr("qkv_hidden_sizes");
            if (sizes.isPresent() && sizes.get().length == 3) {
                return Dim.of(sizes.get()[2]);
            }
            Shape w = ctx.input(1).shape();
            return w.hasRank() && w.rank() == 2 && w.dim(1).isFixed() ? Dim.of(w.dim(1).size() / 3) : Dim.UNKNOWN;
        }
        Shape v = ctx.input(2).shape();
        if (ctx.hasInput(2) && v.hasRank() && v.rank() == 3) {
            return v.dim(2);
        }
        var heads = ctx.node().intAttr("num_heads");
        var kvHeads = ctx.node().intAttr("kv_num_heads");
        Shape q = ctx.input(0).shape();
        if (!ctx.hasInput(1) && heads.isPresent() && kvHeads.isPresent() && q.dim(2).isFixed()) {
            // packed QKV in the query: D = (heads + 2·kv_heads) × head size
            long head = q.dim(2).size() / (heads.getAsLong() + 2 * kvHeads.getAsLong());
            return Dim.of(head * heads.getAsLong());
        }
        return q.dim(2);
    }

    /** Projection (Attention only) B·S·D_in·(Hq+Hk+Hv), plus scores and context 2·B·S·S·Hv (self-attention length). */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape x = ctx.input(0).shape();
        Shape out = ctx.output(0).shape();
        if (!x.isFullyKnown() || !out.isFullyKnown() || x.rank() != 3) {
            return OptionalLong.empty();
        }
        long b = x.dim(0).size();
        long seq = x.dim(1).size();
        long macs = Math.multiplyExact(2 * b * seq * seq, out.dim(2).size());
        if (packedWeights) {
            OptionalLong w = ctx.input(1).shape().elementCount();
            if (w.isEmpty()) {
                return OptionalLong.empty();
            }
            macs = Math.addExact(macs, Math.multiplyExact(b * seq, w.getAsLong()));
        }
        return OptionalLong.of(macs);
    }

    @Override
    public String costFormula() { return "Attention: B*S*W (W = weight elements) + 2*B*S*S*Hv; MultiHeadAttention: 2*B*S*S*Hv"; }

    @Override
    public TensorRole roleOfInput(int index) {
        if (!packedWeights) {
            return null;
        }
        return index == 1 ? TensorRole.WEIGHT : index == 2 ? TensorRole.BIAS : index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() { return "[B, S, hidden of V] (qkv_hidden_sizes, weights / 3, or value's last dim)"; }
}
