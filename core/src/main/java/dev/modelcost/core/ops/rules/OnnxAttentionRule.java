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
 * Attention of the default domain (opset 23): Q, K, V either 3-D [B, S, heads·head] with q_num_heads and
 * kv_num_heads, or 4-D [B, heads, S, head]; past_key/past_value [B, kv_heads, P, head] (inputs 4, 5). Y is
 * [B, S, q_heads·v_head] (3-D) or [B, q_heads, S, v_head] (4-D); present_key/value [B, kv_heads, P + L, head].
 * Query heads share the K/V heads (GQA, MQA) and cost as query heads.
 */
final class OnnxAttentionRule implements OpRule {
    private static final int PAST_KEY = 4;

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx("Attention", 23));
    }

    /** {B, S, qHeads, head, kvHeads, L, vHead} from Q, K, V; null when a rank is unknown. */
    private static Dim[] dims(NodeContext ctx) {
        Shape q = ctx.input(0).shape();
        Shape k = ctx.input(1).shape();
        Shape v = ctx.input(2).shape();
        if (!q.hasRank() || !k.hasRank() || !v.hasRank() || q.rank() != k.rank() || q.rank() != v.rank()) {
            return null;
        }
        if (q.rank() == 4) {
            return new Dim[] {q.dim(0), q.dim(2), q.dim(1), q.dim(3), k.dim(1), k.dim(2), v.dim(3)};
        }
        if (q.rank() != 3) {
            return null;
        }
        long qh = ctx.node().intAttr("q_num_heads", 0);
        long kvh = ctx.node().intAttr("kv_num_heads", 0);
        if (qh <= 0 || kvh <= 0) {
            return null;
        }
        Dim head = DimMath.fixed(q.dim(2)).isPresent() ? Dim.of(q.dim(2).size() / qh) : Dim.UNKNOWN;
        Dim vHead = DimMath.fixed(v.dim(2)).isPresent() ? Dim.of(v.dim(2).size() / kvh) : Dim.UNKNOWN;
        return new Dim[] {q.dim(0), q.dim(1), Dim.of(qh), head, Dim.of(kvh), k.dim(1), vHead};
    }

    /** Keys attended: the past length plus this step's keys. */
    private static Dim totalKeys(NodeContext ctx, Dim newKeys) {
        Shape past = ctx.input(PAST_KEY).shape();
        return ctx.hasInput(PAST_KEY) && past.hasRank() && past.rank() == 4
                ? DimMath.add(past.dim(2), newKeys)
                : newKeys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType q = ctx.input(0);
        Dim[] d = dims(ctx);
        if (d == null) {
            ctx.setOutput(
                    0,
                    new TensorType(
                            q.dtype(),
                            q.shape().hasRank() ? Shape.unknownOfRank(q.shape().rank()) : Shape.UNKNOWN_RANK));
            return;
        }
        boolean fourD = q.shape().rank() == 4;
        ctx.setOutput(
                0,
                new TensorType(
                        q.dtype(),
                        fourD
                                ? Shape.of(List.of(d[0], d[2], d[1], d[6]))
                                : Shape.of(List.of(d[0], d[1], DimMath.mul(d[2], d[6])))));
        Dim total = totalKeys(ctx, d[5]);
        int outs = ctx.node().outputs().size();
        if (outs > 1) {
            ctx.setOutput(1, new TensorType(ctx.input(1).dtype(), Shape.of(List.of(d[0], d[4], total, d[3]))));
        }
        if (outs > 2) {
            ctx.setOutput(2, new TensorType(ctx.input(2).dtype(), Shape.of(List.of(d[0], d[4], total, d[6]))));
        }
        if (outs > 3) {
            ctx.setOutput(3, new TensorType(q.dtype(), Shape.of(List.of(d[0], d[2], d[1], total))));
        }
    }

    /** QKᵀ B·qHeads·S·T·head plus A·V B·qHeads·S·T·vHead over T = past + L keys. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Dim[] d = dims(ctx);
        if (d == null) {
            return OptionalLong.empty();
        }
        Dim t = totalKeys(ctx, d[5]);
        for (Dim x : new Dim[] {d[0], d[1], d[2], d[3], d[6], t}) {
            if (!x.isFixed()) {
                return OptionalLong.empty();
            }
        }
        long rows = Math.multiplyExact(
                Math.multiplyExact(d[0].size(), d[2].size()), Math.multiplyExact(d[1].size(), t.size()));
        return OptionalLong.of(Math.multiplyExact(rows, d[3].size() + d[6].size()));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index < 3 || index == 4 || index == 5 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String costFormula() {
        return "B*q_heads*S*T*(head + v_head): QK^T and A*V over T = past + L keys";
    }

    @Override
    public String shapeRule() {
        return "[B, S, q_heads*v_head] (3-D) or [B, q_heads, S, v_head]; present [B, kv_heads, past + L, head]";
    }
}
