package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.Arrays;
import java.util.List;

/** ConstantOfShape: the shape is the input's values; type and fill from the {@code value} attribute (default float 0). */
final class ConstantOfShapeRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("ConstantOfShape"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Tensor fill = ctx.node().attr("value").orElse(null) instanceof Attr.TensorValue t ? t.tensor() : null;
        DType dtype = fill == null ? DType.FLOAT32 : fill.dtype();
        var dims = ctx.inputValues(0);
        var symbolic = ctx.inputDims(0);
        if (dims.isEmpty() && symbolic.isPresent()) {
            ctx.setOutput(0, new TensorType(dtype, Shape.of(symbolic.get())));
            return;
        }
        if (dims.isEmpty()) {
            Shape s = ctx.input(0).shape();
            boolean rankKnown = s.hasRank() && s.rank() == 1 && s.dim(0).isFixed();
            ctx.diagnose("shape computed at run time; output dimensions unknown");
            ctx.setOutput(
                    0,
                    new TensorType(
                            dtype,
                            rankKnown ? Shape.unknownOfRank((int) s.dim(0).size()) : Shape.UNKNOWN_RANK));
            return;
        }
        Shape out = Shape.of(dims.get().asLongs());
        ctx.setOutput(0, new TensorType(dtype, out));
        long n = out.elementCount().getAsLong();
        if (n <= ConstantValues.MAX_ELEMENTS) {
            ConstantValues v = fill == null || fill.values() == null ? ConstantValues.ofLongs(0) : fill.values();
            if (v.isInteger()) {
                long[] a = new long[(int) n];
                Arrays.fill(a, v.size() > 0 ? v.longAt(0) : 0);
                ctx.setOutputValues(0, ConstantValues.ofLongs(a));
            } else if (!v.isString()) {
                double[] a = new double[(int) n];
                Arrays.fill(a, v.size() > 0 ? v.doubleAt(0) : 0);
                ctx.setOutputValues(0, ConstantValues.ofDoubles(a));
            }
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "shape = values of input 0; dtype of the value attribute (default fp32)";
    }
}
