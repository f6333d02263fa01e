package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
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
import java.util.Map;
import java.util.OptionalLong;

/**
 * ai.onnx.ml estimators on a batch X [N, F] (or [F]): regressors give [N, targets]; classifiers give labels
 * [N] (int64 or string per their class labels) and scores [N, classes]. Classes and targets come from the
 * attributes, and so do the fitted numbers: coefficients and support vectors are weights, intercepts, rho and
 * base values biases, split thresholds and Platt coefficients other parameters. Tree structure (node and tree ids,
 * feature ids, modes), hit rates and kernel settings are not parameters. The tree ensembles' version 3 only adds
 * {@code *_as_tensor} (double) forms of the same attributes.
 */
final class MlRule implements OpRule {
    private static final Map<String, TensorRole> ATTRIBUTE_ROLES = Map.ofEntries(
            Map.entry("coefficients", TensorRole.WEIGHT),
            Map.entry("support_vectors", TensorRole.WEIGHT),
            Map.entry("class_weights", TensorRole.WEIGHT),
            Map.entry("class_weights_as_tensor", TensorRole.WEIGHT),
            Map.entry("target_weights", TensorRole.WEIGHT),
            Map.entry("target_weights_as_tensor", TensorRole.WEIGHT),
            Map.entry("intercepts", TensorRole.BIAS),
            Map.entry("rho", TensorRole.BIAS),
            Map.entry("base_values", TensorRole.BIAS),
            Map.entry("base_values_as_tensor", TensorRole.BIAS),
            Map.entry("nodes_values", TensorRole.OTHER_PARAMETER),
            Map.entry("nodes_values_as_tensor", TensorRole.OTHER_PARAMETER),
            Map.entry("prob_a", TensorRole.OTHER_PARAMETER),
            Map.entry("prob_b", TensorRole.OTHER_PARAMETER));

    private final boolean classifier;

    private MlRule(boolean classifier) {
        this.classifier = classifier;
    }

    static MlRule regressors() {
        return new MlRule(false);
    }

    static MlRule classifiers() {
        return new MlRule(true);
    }

    @Override
    public List<OpKey> keys() {
        List<OpKey> keys = new ArrayList<>(
                classifier
                        ? OpKey.each(Domains.ML, 1, "LinearClassifier", "SVMClassifier")
                        : OpKey.each(Domains.ML, 1, "LinearRegressor", "SVMRegressor"));
        String tree = classifier ? "TreeEnsembleClassifier" : "TreeEnsembleRegressor";
        keys.add(new OpKey(Domains.ML, tree, 1));
        keys.add(new OpKey(Domains.ML, tree, 3));
        return keys;
    }

    @Override
    public TensorRole roleOfAttribute(String name) {
        return ATTRIBUTE_ROLES.get(name);
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
        // linear models and SVMs name integer labels classlabels_ints, tree ensembles classlabels_int64s
        var ints = ctx.node().intsAttr("classlabels_ints").or(() -> ctx.node().intsAttr("classlabels_int64s"));
        Attr strings = ctx.node().attr("classlabels_strings").orElse(null);
        Dim classes = ints.isPresent()
                ? Dim.of(ints.get().length)
                : strings instanceof Attr.Strs s ? Dim.of(s.values().size()) : Dim.UNKNOWN;
        ctx.setOutput(0, new TensorType(strings != null ? DType.STRING : DType.INT64, Shape.of(List.of(n))));
        ctx.setOutput(1, new TensorType(DType.FLOAT32, Shape.of(List.of(n, classes))));
    }

    @Override
    public String shapeRule() {
        return classifier ? "labels [N], scores [N, number of class labels]" : "[N, n_targets (or targets)]";
    }

    /**
     * Per row of X: a linear model's scores are one multiply-accumulate per coefficient (classes × features); an SVM
     * with support vectors first evaluates its kernel against each of them (one per support-vector element), then
     * weighs the results by its dual coefficients. Tree ensembles compare, they do not multiply: 0.
     */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        if (ctx.node().opType().startsWith("TreeEnsemble")) {
            return OptionalLong.of(0);
        }
        Shape x = ctx.input(0).shape();
        if (!x.hasRank() || x.rank() > 2 || x.rank() == 2 && !x.dim(0).isFixed()) {
            return OptionalLong.empty();
        }
        long rows = x.rank() == 2 ? x.dim(0).size() : 1;
        long perRow = Math.addExact(count(ctx, "coefficients"), count(ctx, "support_vectors"));
        return OptionalLong.of(Math.multiplyExact(rows, perRow));
    }

    private static long count(NodeContext ctx, String attribute) {
        return ctx.node().attr(attribute).orElse(null) instanceof Attr.Floats f
                ? f.values().size()
                : 0;
    }

    @Override
    public String costFormula() {
        return "N × (coefficients + support-vector elements) for linear models and SVMs (tree ensembles: 0, they "
                + "compare); coefficients, support vectors, leaf weights, thresholds and base values stored in attributes "
                + "count as parameters";
    }
}
