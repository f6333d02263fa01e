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
 * LayerNormalization, InstanceNormalization, GroupNormalization: the output has the input's shape; the
 * scale and bias inputs are learned normalisation parameters. LayerNormalization's optional Mean and
 * InvStdDev outputs keep the axes before {@code axis} and are 1 from there on (float unless stash_type says).
 */
final class NormalizationRule implements OpRule {
    private final boolean layerNorm;

    private final List<OpKey> keys;

    private NormalizationRule(List<OpKey> keys, boolean layerNorm) {
        this.keys = keys;
        this.layerNorm = layerNorm;
    }

    /** LayerNormalization-17: Mean and InvStdDev outputs keep the dims before axis. */
    static NormalizationRule layerNorm() {
        return new NormalizationRule(List.of(OpKey.onnx("LayerNormalization")), true);
    }

    static NormalizationRule instanceAndGroupNorm() {
        return new NormalizationRule(OpKey.each(OpKey.ONNX, 1, "InstanceNormalization", "GroupNormalization"), false);
    }

    /** onnxruntime's layer norms (the Skip* ones are {@link SkipLayerNormRule}). */
    static NormalizationRule contribLayerNorms() {
        return new NormalizationRule(
                OpKey.each(Domains.MICROSOFT, 1, "SimplifiedLayerNormalization", "LayerNormalization"), false);
    }

    /**
     * RMS norms of the default domain: RMSNormalization (opset 23) and SimplifiedLayerNormalization, which
     * onnxruntime registers in the default domain from version 1; Y has X's shape, the scale is learned.
     */
    static NormalizationRule rmsNorms() {
        return new NormalizationRule(
                List.of(OpKey.onnx("SimplifiedLayerNormalization"), OpKey.onnx("RMSNormalization", 23)), false);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        ctx.setOutput(0, x);
        if (layerNorm && ctx.node().outputs().size() > 1 && x.shape().hasRank()) {
            int rank = x.shape().rank();
            int axis = DimMath.axis(ctx.node().intAttr("axis", -1), rank);
            List<Dim> stats = new ArrayList<>(x.shape().dims().subList(0, axis));
            for (int i = axis; i < rank; i++) {
                stats.add(Dim.of(1));
            }
            DType t = ctx.node().intAttr("stash_type", 1) == 1 ? DType.FLOAT32 : x.dtype();
            ctx.setOutput(1, new TensorType(t, Shape.of(stats)));
            ctx.setOutput(2, new TensorType(t, Shape.of(stats)));
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.NORM_SCALE_SHIFT;
    }

    @Override
    public String costFormula() {
        return "0 MACs (normalisation is not counted as multiply-accumulates)";
    }

    @Override
    public String shapeRule() {
        return "same as X; LayerNormalization Mean/InvStdDev keep dims before axis, 1 after";
    }
}
