package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/** GlobalMax/AveragePooling1D/2D/3D: [B, spatial..., C] → [B, C] (or spatial dims of 1 with keepdims). */
final class GlobalPoolRule implements OpRule {
    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = K.x(ctx);
        if (!x.shape().hasRank() || x.shape().rank() < 3) {
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        boolean cf = K.channelsFirst(ctx.node(), "");
        Shape in = x.shape();
        int c = K.channelAxis(in.rank(), cf);
        List<Dim> out = new ArrayList<>();
        if (ctx.node().intAttr("keepdims", 0) == 1) {
            for (int i = 0; i < in.rank(); i++) {
                out.add(i == 0 || i == c ? in.dim(i) : Dim.of(1));
            }
        } else {
            out.add(in.dim(0));
            out.add(in.dim(c));
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
    }
}
