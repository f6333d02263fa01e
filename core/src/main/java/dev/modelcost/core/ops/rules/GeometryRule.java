package dev.modelcost.core.ops.rules;

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
 * Ops whose output combines dims of two inputs. Det: [*, M, M] → [*]. GridSample: [N, C] of X then the
 * grid's spatial dims. RoiAlign: [num_rois, C, output_height, output_width].
 */
final class GeometryRule implements OpRule {
    enum Kind {
        DET("Det"),
        GRID_SAMPLE("GridSample"),
        ROI_ALIGN("RoiAlign");

        final String opType;

        Kind(String opType) {
            this.opType = opType;
        }
    }

    private final Kind kind;

    GeometryRule(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx(kind.opType));
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        if (!s.hasRank()) {
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        List<Dim> out = new ArrayList<>();
        switch (kind) {
            case DET -> out.addAll(s.dims().subList(0, s.rank() - 2));
            case GRID_SAMPLE -> {
                Shape g = ctx.input(1).shape();
                out.add(s.dim(0));
                out.add(s.dim(1));
                if (!g.hasRank()) {
                    ctx.setOutput(0, new TensorType(x.dtype(), Shape.UNKNOWN_RANK));
                    return;
                }
                out.addAll(g.dims().subList(1, g.rank() - 1));
            }
            case ROI_ALIGN -> {
                Shape rois = ctx.input(1).shape();
                out.add(rois.hasRank() ? rois.dim(0) : Dim.UNKNOWN);
                out.add(s.dim(1));
                out.add(Dim.of(ctx.node().intAttr("output_height", 1)));
                out.add(Dim.of(ctx.node().intAttr("output_width", 1)));
            }
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "Det [*]; GridSample [N, C, grid spatial dims]; RoiAlign [num_rois, C, output_height, output_width]";
    }
}
