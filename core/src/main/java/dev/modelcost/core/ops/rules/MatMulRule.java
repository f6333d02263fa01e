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

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** MatMul with numpy semantics: 1-D operands are promoted and the added axis removed; batch axes broadcast. */
final class MatMulRule implements OpRule {
    private final List<OpKey> keys;

    /** Serves no key: the matrix product inside a quantized op. */
    MatMulRule() {
        this(List.of());
    }

    private MatMulRule(List<OpKey> keys) {
        this.keys = keys;
    }

    static MatMulRule onnx() {
        return new MatMulRule(List.of(OpKey.onnx("MatMul")));
    }

    /** onnxruntime's FusedMatMul: the same op with a fused activation. */
    static MatMulRule contribFused() {
        return new MatMulRule(List.of(new OpKey(Domains.MICROSOFT, "FusedMatMul", 1)));
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape a = ctx.input(0).shape();
        Shape b = ctx.input(1).shape();
        if (!a.hasRank() || !b.hasRank() || a.rank() == 0 || b.rank() == 0) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        Shape a2 = a.rank() == 1 ? Shape.of(List.of(Dim.of(1), a.dim(0))) : a;
        Shape b2 = b.rank() == 1 ? Shape.of(List.of(b.dim(0), Dim.of(1))) : b;
        Shape batch = Broadcast.shapes(List.of(
                Shape.of(a2.dims().subList(0, a2.rank() - 2)),
                Shape.of(b2.dims().subList(0, b2.rank() - 2))));
        List<Dim> out = new ArrayList<>(batch.dims());
        if (a.rank() > 1) {
            out.add(a2.dim(a2.rank() - 2));
        }
        if (b.rank() > 1) {
            out.add(b2.dim(b2.rank() - 1));
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
    }

    /** Output elements × K. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape a = ctx.input(0).shape();
        OptionalLong out = ctx.output(0).shape().elementCount();
        if (out.isEmpty() || !a.hasRank() || a.rank() == 0) {
            return OptionalLong.empty();
        }
        Dim k = a.dim(a.rank() - 1);
        return k.isFixed() ? OptionalLong.of(Math.multiplyExact(out.getAsLong(), k.size())) : OptionalLong.empty();
    }

    @Override
    public String costFormula() {
        return "output elements × K";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return TensorRole.WEIGHT;
    }

    /** Keeps its activation inputs: each operand's gradient needs the other. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.INPUTS;
    }

    @Override
    public String shapeRule() {
        return "numpy matmul: batch dims broadcast, [.., M, N]; 1-D operands promoted then squeezed";
    }
}
