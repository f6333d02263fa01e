package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * Ops whose output has the first input's shape, in a new buffer: CumSum, Trilu, ReverseSequence,
 * ScatterElements/ScatterND (data shape), LRN, MeanVarianceNormalization, IsNaN (bool), ... . The output
 * element type is the input's unless fixed ({@code dtype}). Inputs after the first are constants unless
 * a role is given for them.
 */
final class SameShapeRule implements OpRule {
    private final List<OpKey> keys;
    private final DType dtype;
    private final TensorRole laterInputs;

    private SameShapeRule(List<OpKey> keys, DType dtype, TensorRole laterInputs) {
        this.keys = keys;
        this.dtype = dtype;
        this.laterInputs = laterInputs;
    }

    /** Default-domain ops that keep the input's shape and type. */
    static SameShapeRule onnx() {
        return new SameShapeRule(
                OpKey.each(
                        OpKey.ONNX,
                        1,
                        "CumSum",
                        "Trilu",
                        "ReverseSequence",
                        "LRN",
                        "MeanVarianceNormalization",
                        "ScatterElements",
                        "Scatter",
                        "ScatterND",
                        "LpNormalization"),
                null,
                TensorRole.CONSTANT);
    }

    /** IsNaN, IsInf: a bool per element. */
    static SameShapeRule elementTests() {
        return new SameShapeRule(OpKey.each(OpKey.ONNX, 1, "IsNaN", "IsInf"), DType.BOOL, TensorRole.CONSTANT);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType in = ctx.input(0);
        ctx.setOutput(0, dtype == null ? in : new TensorType(dtype, in.shape()));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : laterInputs;
    }

    @Override
    public String costFormula() {
        return "0 MACs (elementwise or data movement; not a multiply-accumulate)";
    }

    @Override
    public String shapeRule() {
        return "same as input 0";
    }

    /** Bool results (IsNaN, IsInf) have no gradient; the others keep their inputs, the safe default. */
    @Override
    public dev.modelcost.core.ops.BackwardSaves savedForBackward(dev.modelcost.core.ir.Node node) {
        return dtype == DType.BOOL
                ? dev.modelcost.core.ops.BackwardSaves.NOTHING
                : dev.modelcost.core.ops.BackwardSaves.INPUTS;
    }
}
