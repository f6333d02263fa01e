package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gather along {@code axis}: data.shape[:axis] + indices.shape + data.shape[axis+1:]. A stored float
 * table gathered by indices is an embedding (weight). Known shape values are gathered too.
 */
final class GatherRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Gather"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape data = ctx.input(0).shape();
        Shape indices = ctx.input(1).shape();
        if (!data.hasRank() || !indices.hasRank()) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int axis = DimMath.axis(ctx.node().intAttr("axis", 0), data.rank());
        List<Dim> out = new ArrayList<>(data.dims().subList(0, axis));
        out.addAll(indices.dims());
        out.addAll(data.dims().subList(axis + 1, data.rank()));
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
        Optional<ConstantValues> values = ctx.inputValues(0);
        Optional<ConstantValues> idx = ctx.inputValues(1);
        if (values.isPresent()
                && idx.isPresent()
                && data.rank() == 1
                && values.get().isInteger()) {
            long[] v = values.get().longs();
            long[] picked = new long[idx.get().size()];
            for (int i = 0; i < picked.length; i++) {
                long k = idx.get().longAt(i);
                picked[i] = v[(int) (k < 0 ? k + v.length : k)];
            }
            ctx.setOutputValues(0, ConstantValues.ofLongs(picked));
        } else if (idx.isPresent() && data.rank() == 1 && ctx.inputDims(0).isPresent()) {
            List<Dim> v = ctx.inputDims(0).get();
            List<Dim> picked = new ArrayList<>();
            for (int i = 0; i < idx.get().size(); i++) {
                long k = idx.get().longAt(i);
                picked.add(v.get((int) (k < 0 ? k + v.size() : k)));
            }
            ctx.setOutputDims(0, picked);
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? TensorRole.WEIGHT : TensorRole.CONSTANT;
    }

    /** Keeps only the (integer, small) indices, which are not counted as activations. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "data.shape[:axis] + indices.shape + data.shape[axis+1:]; 1-D values gathered";
    }
}
