package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * ai.onnx.ml estimators on a batch X [N, F] (or [F]): regressors give [N, targets]; classifiers give labels
 * [N] (int64 or string per their class labels) and scores [N, classes]. Classes and targets come from the
 * attributes; their parameters live in attributes too, so no stored tensors are involved.
 */
final class MlRule implements OpRule {
    private final boolean classifier;

    private MlRule(boolean classifier) { this.classifier = classifier; }

    static MlRule regressors() { return new MlRule(false); }

    static MlRule classifiers() { return new MlRule(true); }

    @Override
    public List<OpKey> keys() {
        return classifier ? OpKey.each(Domains.ML, 1, "LinearClassifier", "TreeEnsembleClassifier", "SVMClassifier")
                : OpKey.each(Domains.ML, 1, "LinearRegressor", "TreeEnsembleRegressor", "SVMRegressor");
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        Dim n = x.hasRank() && x.rank() == 2 ? x.dim(0) : x.hasRank() && x.rank() == 1 ? Dim.of(1) : Dim.UNKNOWN;
        if (!classifier) {
            long targets = ctx.node().intAttr("n_targets").orElse(ctx.node().intAttr("targets", 1));
            ctx.setOutput(0, new TensorType(DType.FLOAT32, Shape.of(List.of(n, Dim.of(targets)))));
            return;
        }
        var ints = ctx.node().intsAttr("classlabels_ints");
        Attr strings = ctx.node().attr("classlabels_strings").orElse(null);
        Dim classes = ints.isPresent() ? Dim.of(ints.get().length)
                : strings instanceof Attr.Strs s ? Dim.of(s.values().size()) : Dim.UNKNOWN;
        ctx.setOutput(0, new TensorType(strings != null ? DType.STRING : DType.INT64, Shape.of(List.of(n))));
        ctx.setOutput(1, new TensorType(DType.FLOAT32, Shape.of(List.of(n, classes))));
    }

    @Override
    public String shapeRule() {
        return classifier ? "labels [N], scores [N, number of class labels]" : "[N, n_targets (or targets)]";
    }
}
