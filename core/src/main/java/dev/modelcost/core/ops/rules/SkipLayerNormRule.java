package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/**
 * com.microsoft SkipLayerNormalization(input, skip, gamma, beta, bias) and SkipSimplifiedLayerNormalization(input,
 * skip, gamma, bias): output 0 and output 3 (input_skip_bias_sum, the residual the next layer adds to) have the
 * input's shape; outputs 1 and 2 (mean, inv_std_var) are float with the last axis 1. The bias is the fused bias of
 * the linear layer before the residual.
 */
final class SkipLayerNormRule implements OpRule {
    private final boolean simplified;

    private SkipLayerNormRule(boolean simplified) {
        this.simplified = simplified;
    }

    static SkipLayerNormRule withShift() {
        return new SkipLayerNormRule(false);
    }

    static SkipLayerNormRule simplified() {
        return new SkipLayerNormRule(true);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(
                Domains.MICROSOFT, simplified ? "SkipSimplifiedLayerNormalization" : "SkipLayerNormalization", 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        ctx.setOutput(0, x);
        int outputs = ctx.node().outputs().size();
        if (outputs > 3) {
            ctx.setOutput(3, x);
        }
        if (outputs > 1 && x.shape().hasRank() && x.shape().rank() > 0) {
            List<Dim> stats = new ArrayList<>(x.shape().dims());
            stats.set(stats.size() - 1, Dim.of(1));
            TensorType stat = new TensorType(DType.FLOAT32, Shape.of(stats));
            ctx.setOutput(1, stat);
            if (outputs > 2) {
                ctx.setOutput(2, stat);
            }
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        int bias = simplified ? 3 : 4;
        return index < 2 ? null : index == bias ? TensorRole.BIAS : TensorRole.NORM_SCALE_SHIFT;
    }

    @Override
    public String costFormula() {
        return "0 MACs (normalisation is not counted as multiply-accumulates)";
    }

    @Override
    public String shapeRule() {
        return "output 0 and 3 (input + skip + bias) as input 0; mean / inv_std_var float, last axis 1";
    }
}
