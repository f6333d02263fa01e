package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Attention/AdditiveAttention (query, value[, key]) and MultiHeadAttention (query, value[, key]). */
final class AttentionRules {
    private AttentionRules() {}

    private static List<TensorType> data(NodeContext ctx) {
        List<TensorType> out = new ArrayList<>();
        for (int i : LayerConfig.dataInputs(ctx)) {
            out.add(ctx.input(i));
        }
        return out;
    }

    /** Dot-product attention: [B, Tq, D] × [B, Tv, D] → [B, Tq, Dv]. */
    static final class Attention implements OpRule {
        @Override
        public List<OpKey> keys() {
            return KerasRules.layers("Attention", "AdditiveAttention");
        }

        @Override
        public String shapeRule() {
            return "[batch, Tq, D_value]";
        }

        @Override
        public void infer(InferenceContext ctx) {
            List<TensorType> in = data(ctx);
            if (in.size() < 2 || AxisArithmetic.rank(in.get(0)) != 3 || AxisArithmetic.rank(in.get(1)) != 3) {
                ctx.setOutput(0, in.isEmpty() ? TensorType.UNKNOWN : in.get(0).withShape(Shape.UNKNOWN_RANK));
                return;
            }
            Shape q = in.get(0).shape();
            Shape v = in.get(1).shape();
            ctx.setOutput(0, in.get(0).withShape(Shape.of(List.of(q.dim(0), q.dim(1), v.dim(2)))));
        }

        @Override
        public OptionalLong macs(NodeContext ctx) {
            List<TensorType> in = data(ctx);
            if (in.size() < 2
                    || !in.get(0).shape().isFullyKnown()
                    || !in.get(1).shape().isFullyKnown()
                    || AxisArithmetic.rank(in.get(0)) != 3
                    || AxisArithmetic.rank(in.get(1)) != 3) {
                return OptionalLong.empty();
            }
            Shape q = in.get(0).shape();
            Shape v = in.get(1).shape();
            long b = q.dim(0).size();
            long tq = q.dim(1).size();
            long tv = v.dim(1).size();
            return OptionalLong.of(b * tq * tv * (q.dim(2).size() + v.dim(2).size()));
        }

        @Override
        public String costFormula() {
            return "Tq × Tv × (D_query + D_value): scores and weighted sum";
        }
    }

    static final class MultiHead implements OpRule {
        @Override
        public List<OpKey> keys() {
            return KerasRules.layers("MultiHeadAttention");
        }

        @Override
        public String shapeRule() {
            return "the query's shape with output_shape (default: query features) last";
        }

        @Override
        public void infer(InferenceContext ctx) {
            List<TensorType> in = data(ctx);
            Node n = ctx.node();
            if (in.isEmpty() || !in.get(0).shape().hasRank()) {
                ctx.setOutput(0, in.isEmpty() ? TensorType.UNKNOWN : in.get(0));
                return;
            }
            Shape q = in.get(0).shape();
            List<Dim> out = new ArrayList<>(q.dims());
            long[] os = n.intsAttr("output_shape").orElse(null);
            if (os != null && os.length == 1) {
                out.set(out.size() - 1, Dim.of(os[0]));
            } else if (n.intAttr("output_shape").isPresent()) {
                out.set(out.size() - 1, Dim.of(n.intAttr("output_shape").getAsLong()));
            }
            ctx.setOutput(0, in.get(0).withShape(Shape.of(out)));
        }

        @Override
        public OptionalLong macs(NodeContext ctx) {
            List<TensorType> in = data(ctx);
            Node n = ctx.node();
            if (in.isEmpty()
                    || in.stream().anyMatch(t -> !t.shape().isFullyKnown() || AxisArithmetic.rank(t) != 3)
                    || !ctx.output(0).shape().isFullyKnown()) {
                return OptionalLong.empty();
            }
            Shape q = in.get(0).shape();
            Shape v = in.size() > 1 ? in.get(1).shape() : q;
            Shape k = in.size() > 2 ? in.get(2).shape() : v;
            long h = n.intAttr("num_heads", 1);
            long kd = n.intAttr("key_dim", 0);
            long vd = n.intAttr("value_dim", kd);
            long tq = q.dim(0).size() * q.dim(1).size();
            long tv = v.dim(0).size() * v.dim(1).size();
            long dout = ctx.output(0).shape().dim(2).size();
            long proj = tq * q.dim(2).size() * h * kd
                    + tv * k.dim(2).size() * h * kd
                    + tv * v.dim(2).size() * h * vd;
            long scores = q.dim(1).size() * tv * h * (kd + vd);
            return OptionalLong.of(proj + scores + tq * h * vd * dout);
        }

        @Override
        public String costFormula() {
            return "projections (Tq·Dq + Tk·Dk)·H·key_dim + Tv·Dv·H·value_dim, scores and mix Tq·Tv·H·(key_dim + value_dim), "
                    + "output Tq·H·value_dim·D_out";
        }
    }
}
