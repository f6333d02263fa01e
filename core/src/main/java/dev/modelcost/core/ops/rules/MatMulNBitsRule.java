package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * com.microsoft MatMulNBits(A [..., K], B packed uint8 [N, K / block_size, block_size · bits / 8], scales, zero_points,
 * g_idx, bias): Y [..., N] in A's type. B holds K × N logical weights (attributes K, N, bits, block_size); the
 * analysis counts those, and the ledger the packed bytes.
 */
final class MatMulNBitsRule implements OpRule {

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(Domains.MICROSOFT, "MatMulNBits", 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType a = ctx.input(0);
        long n = ctx.node().intAttr("N", -1);
        if (!a.shape().hasRank() || a.shape().rank() < 1 || n < 0) {
            ctx.setOutput(0, new TensorType(a.dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        List<Dim> dims = new ArrayList<>(a.shape().dims());
        dims.set(dims.size() - 1, Dim.of(n));
        ctx.setOutput(0, new TensorType(a.dtype(), Shape.of(dims)));
    }

    /** Rows of A × K × N. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape a = ctx.input(0).shape();
        long k = ctx.node().intAttr("K", -1);
        long n = ctx.node().intAttr("N", -1);
        if (!a.isFullyKnown() || a.rank() < 1 || k < 0 || n < 0) {
            return OptionalLong.empty();
        }
        OptionalLong rows = DimMath.fixed(DimMath.product(a, 0, a.rank() - 1));
        return rows.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(Math.multiplyExact(Math.multiplyExact(rows.getAsLong(), k), n));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return switch (index) {
            case 1 -> TensorRole.WEIGHT;
            case 2, 3 -> TensorRole.QUANTIZATION;
            case 5 -> TensorRole.BIAS;
            case 0 -> null;
            default -> TensorRole.CONSTANT; // g_idx
        };
    }

    @Override
    public String costFormula() {
        return "rows of A x K x N (the logical weights, however many bits each is stored in)";
    }

    @Override
    public String shapeRule() {
        return "[..., N] from A [..., K] and attribute N; A's type";
    }
}
