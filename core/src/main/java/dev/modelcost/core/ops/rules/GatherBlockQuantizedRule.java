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
 * com.microsoft GatherBlockQuantized(data, indices, scales, zero_points): an embedding lookup in a block-quantized
 * table. The output is Gather's along gather_axis (default 0), the last axis unpacked (a uint8 byte holds 8 / bits
 * values), in the scales' type.
 */
final class GatherBlockQuantizedRule implements OpRule {

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(Domains.MICROSOFT, "GatherBlockQuantized", 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape data = ctx.input(0).shape();
        Shape idx = ctx.input(1).shape();
        DType out = ctx.input(2).dtype();
        if (!data.hasRank() || !idx.hasRank() || data.rank() < 1) {
            ctx.setOutput(0, new TensorType(out, Shape.UNKNOWN_RANK));
            return;
        }
        int axis = DimMath.axis(ctx.node().intAttr("gather_axis", 0), data.rank());
        List<Dim> dims = new ArrayList<>(unpacked(ctx, data).dims().subList(0, axis));
        dims.addAll(idx.dims());
        dims.addAll(unpacked(ctx, data).dims().subList(axis + 1, data.rank()));
        ctx.setOutput(0, new TensorType(out, Shape.of(dims)));
    }

    /** The logical shape of packed data: a uint8 last axis holds 8 / bits values per byte. */
    static Shape unpacked(InferenceContext ctx, Shape data) {
        long bits = ctx.node().intAttr("bits", 4);
        if (ctx.input(0).dtype() != DType.UINT8 || bits <= 0 || bits >= 8 || 8 % bits != 0) {
            return data;
        }
        return data.with(data.rank() - 1, DimMath.mul(data.dim(data.rank() - 1), Dim.of(8 / bits)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? TensorRole.WEIGHT : index == 2 || index == 3 ? TensorRole.QUANTIZATION : null;
    }

    @Override
    public String shapeRule() {
        return "Gather of the unpacked table (8 / bits values per uint8) along gather_axis; the scales' type";
    }
}
