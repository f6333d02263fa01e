package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** Range(start, limit, delta): max(ceil((limit − start) / delta), 0) elements; values carried when known. */
final class RangeRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Range"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        DType dtype = ctx.input(0).dtype();
        var start = ctx.inputValues(0);
        var limit = ctx.inputValues(1);
        var delta = ctx.inputValues(2);
        if (start.isEmpty() || limit.isEmpty() || delta.isEmpty()) {
            ctx.diagnose("start, limit or delta computed at run time; length unknown");
            ctx.setOutput(0, new TensorType(dtype, Shape.of(List.of(Dim.UNKNOWN))));
            return;
        }
        boolean integer = start.get().isInteger()
                && limit.get().isInteger()
                && delta.get().isInteger();
        double s = start.get().doubleAt(0);
        double d = delta.get().doubleAt(0);
        long n = (long) Math.max(Math.ceil((limit.get().doubleAt(0) - s) / d), 0);
        ctx.setOutput(0, TensorType.of(dtype, n));
        if (n <= ConstantValues.MAX_ELEMENTS) {
            if (integer) {
                long[] v = new long[(int) n];
                for (int i = 0; i < n; i++) {
                    v[i] = start.get().longAt(0) + i * delta.get().longAt(0);
                }
                ctx.setOutputValues(0, ConstantValues.ofLongs(v));
            } else {
                double[] v = new double[(int) n];
                for (int i = 0; i < n; i++) {
                    v[i] = s + i * d;
                }
                ctx.setOutputValues(0, ConstantValues.ofDoubles(v));
            }
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "[max(ceil((limit - start) / delta), 0)]; values carried";
    }
}
