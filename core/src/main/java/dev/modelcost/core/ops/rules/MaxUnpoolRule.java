package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;

/** MaxUnpool: the output_shape input when given, else per spatial axis (in − 1) × stride + kernel − pads. */
final class MaxUnpoolRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("MaxUnpool"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        if (ctx.hasInput(2)) {
            var shape = ctx.inputValues(2);
            ctx.setOutput(
                    0,
                    new TensorType(
                            x.dtype(),
                            shape.map(v -> Shape.of(v.asLongs()))
                                    .orElse(
                                            x.shape().hasRank()
                                                    ? Shape.unknownOfRank(
                                                            x.shape().rank())
                                                    : Shape.UNKNOWN_RANK)));
            return;
        }
        Shape s = x.shape();
        if (!s.hasRank()) {
            ctx.setOutput(0, x);
            return;
        }
        int spatial = s.rank() - 2;
        long[] kernel = ctx.node().intsAttr("kernel_shape").orElseThrow(() -> new RuleCannotTell("no kernel_shape"));
        long[] strides = Windows.ints(ctx.node(), "strides", spatial, 1);
        long[] pads = Windows.ints(ctx.node(), "pads", 2 * spatial, 0);
        List<Dim> out = new ArrayList<>(s.dims().subList(0, 2));
        for (int i = 0; i < spatial; i++) {
            Dim d = s.dim(i + 2);
            out.add(
                    d.isFixed()
                            ? Dim.of((d.size() - 1) * strides[i] + kernel[i] - pads[i] - pads[i + spatial])
                            : Dim.UNKNOWN);
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "output_shape input, else (D - 1)*stride + kernel - pads";
    }
}
