package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** NonZero: int64 [rank, count of non-zero elements]; the count depends on data (exact when values are known). */
final class NonZeroRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("NonZero"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape s = ctx.input(0).shape();
        Dim rank = s.hasRank() ? Dim.of(Math.max(1, s.rank())) : Dim.UNKNOWN;
        Dim count = Dim.UNKNOWN;
        var values = ctx.inputValues(0);
        if (values.isPresent() && !values.get().isString()) {
            long n = 0;
            for (int i = 0; i < values.get().size(); i++) {
                n += values.get().doubleAt(i) != 0 ? 1 : 0;
            }
            count = Dim.of(n);
        } else {
            ctx.diagnose("the number of non-zero elements depends on data; unknown");
        }
        ctx.setOutput(0, new TensorType(DType.INT64, Shape.of(List.of(rank, count))));
    }

    @Override
    public String shapeRule() {
        return "[rank, count of non-zeros] int64; count known only with known values";
    }
}
