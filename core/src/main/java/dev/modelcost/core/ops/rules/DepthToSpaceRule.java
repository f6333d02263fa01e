package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** DepthToSpace ([N, C/b², H·b, W·b]) and SpaceToDepth ([N, C·b², H/b, W/b]) with block size b. */
final class DepthToSpaceRule implements OpRule {
    private final boolean toSpace;

    private DepthToSpaceRule(boolean toSpace) {
        this.toSpace = toSpace;
    }

    static DepthToSpaceRule depthToSpace() {
        return new DepthToSpaceRule(true);
    }

    static DepthToSpaceRule spaceToDepth() {
        return new DepthToSpaceRule(false);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx(toSpace ? "DepthToSpace" : "SpaceToDepth"));
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 4) {
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.unknownOfRank(4)));
            return;
        }
        long b = ctx.node().intAttr("blocksize", 1);
        Dim c = toSpace ? div(s.dim(1), b * b) : DimMath.mul(s.dim(1), Dim.of(b * b));
        Dim h = toSpace ? DimMath.mul(s.dim(2), Dim.of(b)) : div(s.dim(2), b);
        Dim w = toSpace ? DimMath.mul(s.dim(3), Dim.of(b)) : div(s.dim(3), b);
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(List.of(s.dim(0), c, h, w))));
    }

    private static Dim div(Dim d, long by) {
        return d.isFixed() ? Dim.of(d.size() / by) : Dim.UNKNOWN;
    }

    @Override
    public String shapeRule() {
        return "DepthToSpace [N, C/b^2, H*b, W*b]; SpaceToDepth [N, C*b^2, H/b, W/b]";
    }
}
