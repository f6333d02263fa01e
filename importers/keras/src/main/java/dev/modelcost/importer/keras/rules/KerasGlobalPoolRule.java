package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/** GlobalMax/AveragePooling1D/2D/3D: [B, spatial..., C] → [B, C] (or spatial dims of 1 with keepdims). */
final class KerasGlobalPoolRule implements OpRule {
    private static final List<OpKey> KEYS = globalPoolClasses();

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    private static List<OpKey> globalPoolClasses() {
        List<OpKey> keys = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            for (String p :
                    new String[] {"GlobalMaxPooling", "GlobalAveragePooling", "GlobalMaxPool", "GlobalAvgPool"}) {
                keys.addAll(KerasRules.layers(p + s + "D"));
            }
        }
        return List.copyOf(keys);
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = LayerConfig.firstDataInput(ctx);
        if (!x.shape().hasRank() || x.shape().rank() < 3) {
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        boolean cf = LayerConfig.channelsFirst(ctx.node(), "");
        Shape in = x.shape();
        int c = AxisArithmetic.channelAxis(in.rank(), cf);
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

    @Override
    public String shapeRule() {
        return "[batch, channels], or the input's rank with spatial axes 1 (keepdims)";
    }
}
