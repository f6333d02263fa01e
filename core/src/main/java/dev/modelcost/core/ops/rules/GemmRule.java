package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.OptionalLong;

/** Gemm: Y = alpha·A'·B' + beta·C with A' [M, K], B' [K, N]. */
final class GemmRule implements OpRule {
    private final List<OpKey> keys;

    /** Serves no key: the Gemm inside a quantized op. */
    GemmRule() {
        this(List.of());
    }

    private GemmRule(List<OpKey> keys) {
        this.keys = keys;
    }

    static GemmRule onnx() {
        return new GemmRule(List.of(OpKey.onnx("Gemm")));
    }

    /** onnxruntime's FusedGemm: the same op with a fused activation. */
    static GemmRule contribFused() {
        return new GemmRule(List.of(new OpKey(Domains.MICROSOFT, "FusedGemm", 1)));
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape a = ctx.input(0).shape();
        Shape b = ctx.input(1).shape();
        boolean transA = ctx.node().intAttr("transA", 0) != 0;
        boolean transB = ctx.node().intAttr("transB", 0) != 0;
        Dim m = a.hasRank() && a.rank() == 2 ? a.dim(transA ? 1 : 0) : Dim.UNKNOWN;
        Dim n = b.hasRank() && b.rank() == 2 ? b.dim(transB ? 0 : 1) : Dim.UNKNOWN;
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(List.of(m, n))));
    }

    /** M × N × K. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape a = ctx.input(0).shape();
        OptionalLong out = ctx.output(0).shape().elementCount();
        if (out.isEmpty() || !a.hasRank() || a.rank() != 2) {
            return OptionalLong.empty();
        }
        Dim k = a.dim(ctx.node().intAttr("transA", 0) != 0 ? 0 : 1);
        return k.isFixed() ? OptionalLong.of(Math.multiplyExact(out.getAsLong(), k.size())) : OptionalLong.empty();
    }

    @Override
    public String costFormula() {
        return "M × N × K";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.WEIGHT : index == 2 ? TensorRole.BIAS : null;
    }

    /** Keeps its activation inputs: each operand's gradient needs the other. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.INPUTS;
    }

    @Override
    public String shapeRule() {
        return "[M, N] from A, B and transA/transB";
    }
}
