package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * ai.onnx.ml TreeEnsemble (version 5, which supersedes TreeEnsembleClassifier/Regressor): X [N, F] gives
 * [N, n_targets] of X's type. Split values ({@code nodes_splits}, and the sets of {@code membership_values}) are
 * other parameters and {@code leaf_weights} weights; the tree structure attributes are not parameters.
 */
final class TreeEnsembleRule implements OpRule {
    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(Domains.ML, "TreeEnsemble", 5));
    }

    @Override
    public TensorRole roleOfAttribute(String name) {
        return switch (name) {
            case "leaf_weights" -> TensorRole.WEIGHT;
            case "nodes_splits", "membership_values" -> TensorRole.OTHER_PARAMETER;
            default -> null;
        };
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Dim n = !x.shape().hasRank()
                ? Dim.UNKNOWN
                : x.shape().rank() == 1 ? Dim.of(1) : x.shape().dim(0);
        var targets = ctx.node().intAttr("n_targets");
        Dim width = targets.isPresent() ? Dim.of(targets.getAsLong()) : Dim.UNKNOWN;
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(List.of(n, width))));
    }

    @Override
    public String shapeRule() {
        return "[N, n_targets], X's type";
    }

    @Override
    public String costFormula() {
        return "0 MACs (none counted); split values and leaf weights in attributes are parameters";
    }
}
