package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ai.onnx.ml rules: shapes from the ONNX-ML operator specification, parameters counted from the attributes by hand. */
class MlRulesTest {
    private static final String ML = "ai.onnx.ml";

    private final List<Node> nodes = new ArrayList<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private void input(String name, DType t, long... dims) {
        inputs.add(new ValueInfo(name, TensorType.of(t, dims)));
    }

    private void node(String op, List<String> in, List<String> out, Map<String, Attr> attrs) {
        nodes.add(new Node(out.get(0), ML, op, in, out, attrs));
    }

    private Graph graph() {
        return new Graph("ml", nodes, inputs, List.of(), tensors, Map.of(), Map.of("", 17, ML, 3));
    }

    private InferredTypes infer() {
        return ShapeInference.run(graph(), Assumptions.DEFAULT, OpRegistry.standard());
    }

    private Report analyze() {
        ImportedModel m = new ImportedModel("onnx", "ml.onnx", 0, graph(), List.of(), Map.of(), List.of());
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
    }

    private static Attr.Floats floats(int n) {
        return new Attr.Floats(Collections.nCopies(n, 0.5));
    }

    private static Attr.Ints ints(long... v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) {
            l.add(x);
        }
        return new Attr.Ints(l);
    }

    private static Attr.Strs strs(String... v) {
        return new Attr.Strs(List.of(v));
    }

    @Test
    void featurePlumbingFollowsTheSpecification() {
        input("x", DType.INT64, 1);
        input("wide", DType.FLOAT32, 3, 5);
        tensors.put(
                "idx",
                new Tensor(
                        "idx",
                        DType.INT64,
                        Shape.of(2),
                        null,
                        null,
                        new Storage(Storage.MODEL_FILE, 0, 16, Storage.Encoding.RAW),
                        ConstantValues.ofLongs(0, 3)));
        node("FeatureVectorizer", List.of("x", "x"), List.of("fv"), Map.of("inputdimensions", ints(1, 1)));
        node("ArrayFeatureExtractor", List.of("fv", "idx"), List.of("picked"), Map.of());
        node("ArrayFeatureExtractor", List.of("x", "idx"), List.of("picked1d"), Map.of());
        node("OneHotEncoder", List.of("picked"), List.of("onehot"), Map.of("cats_int64s", ints(1, 2, 3, 4)));
        node("ZipMap", List.of("wide"), List.of("zipped"), Map.of("classlabels_int64s", ints(0, 1, 2, 3, 4)));
        InferredTypes t = infer();
        // FeatureVectorizer: [N, sum of inputdimensions] float, a 1-D input counting as [1, C]
        assertEquals(TensorType.of(DType.FLOAT32, 1, 2), t.typeOf("fv"));
        // ArrayFeatureExtractor: last axis replaced by the number of indices; a 1-D X gives [1, k]
        assertEquals(TensorType.of(DType.FLOAT32, 1, 2), t.typeOf("picked"));
        assertEquals(TensorType.of(DType.INT64, 1, 2), t.typeOf("picked1d"));
        // OneHotEncoder: one more axis, as long as the category list
        assertEquals(TensorType.of(DType.FLOAT32, 1, 2, 4), t.typeOf("onehot"));
    }

    @Test
    void dictVectorizerGivesOneRowOfTheMapsValueType() {
        inputs.add(new ValueInfo(
                "m",
                new TensorType(DType.FLOAT32, Shape.UNKNOWN_RANK),
                new dev.modelcost.core.ir.ContainerType("map(string,tensor(float))")));
        node("DictVectorizer", List.of("m"), List.of("v"), Map.of("string_vocabulary", strs("a", "b", "c")));
        assertEquals(TensorType.of(DType.FLOAT32, 1, 3), infer().typeOf("v"));
    }

    @Test
    void treeClassifierScoresOneColumnPerInt64Label() {
        input("x", DType.FLOAT32, 4, 20);
        node(
                "TreeEnsembleClassifier",
                List.of("x"),
                List.of("label", "proba"),
                Map.of("classlabels_int64s", ints(0, 1, 2)));
        InferredTypes t = infer();
        assertEquals(TensorType.of(DType.INT64, 4), t.typeOf("label"));
        assertEquals(TensorType.of(DType.FLOAT32, 4, 3), t.typeOf("proba"));
    }

    @Test
    void labelEncoderAndCategoryMapperChangeTheElementType() {
        input("s", DType.STRING, 6);
        node(
                "LabelEncoder",
                List.of("s"),
                List.of("codes"),
                Map.of("keys_strings", strs("a"), "values_int64s", ints(7)));
        node(
                "CategoryMapper",
                List.of("codes"),
                List.of("names"),
                Map.of("cats_int64s", ints(7), "cats_strings", strs("a")));
        InferredTypes t = infer();
        assertEquals(TensorType.of(DType.INT64, 6), t.typeOf("codes"));
        assertEquals(TensorType.of(DType.STRING, 6), t.typeOf("names"));
    }

    @Test
    void storedNumbersInAttributesAreParametersWithRolesCountedOnce() {
        input("x", DType.FLOAT32, 1, 4);
        // A 2-tree ensemble of 3 nodes each (one split, two leaves): 6 thresholds in nodes_values (leaves carry 0),
        // 4 leaf votes in class_weights, 2 base values; ids, modes and hit rates are structure, not parameters.
        Map<String, Attr> tree = new LinkedHashMap<>();
        tree.put("nodes_values", floats(6));
        tree.put("nodes_hitrates", floats(6));
        tree.put("nodes_treeids", ints(0, 0, 0, 1, 1, 1));
        tree.put("nodes_nodeids", ints(0, 1, 2, 0, 1, 2));
        tree.put("nodes_modes", strs("BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LEQ", "LEAF", "LEAF"));
        tree.put("class_weights", floats(4));
        tree.put("class_ids", ints(0, 1, 0, 1));
        tree.put("base_values", floats(2));
        tree.put("classlabels_int64s", ints(0, 1));
        node("TreeEnsembleClassifier", List.of("x"), List.of("label", "proba"), tree);
        // Scaler: 4 offsets + 4 scales, fitted statistics
        node("Scaler", List.of("x"), List.of("scaled"), Map.of("offset", floats(4), "scale", floats(4)));
        // LinearRegressor with 2 targets over 4 features: 8 coefficients, 2 intercepts
        node(
                "LinearRegressor",
                List.of("scaled"),
                List.of("y"),
                Map.of("coefficients", floats(8), "intercepts", floats(2), "targets", new Attr.Int(2)));
        Report r = analyze();
        assertEquals(6 + 4 + 2 + 8 + 8 + 2, r.parameters().total());
        assertEquals(0, r.parameters().trainable());
        assertEquals(4 + 8, r.parameters().byRole().get(TensorRole.WEIGHT));
        assertEquals(2 + 2, r.parameters().byRole().get(TensorRole.BIAS));
        assertEquals(6, r.parameters().byRole().get(TensorRole.OTHER_PARAMETER));
        assertEquals(8, r.parameters().byRole().get(TensorRole.NORM_STATISTIC));
        Map<String, Long> perRow = new LinkedHashMap<>();
        for (LayerRow row : r.layers()) {
            perRow.put(row.op(), row.parameters());
        }
        assertEquals(Map.of("TreeEnsembleClassifier", 12L, "Scaler", 8L, "LinearRegressor", 10L), perRow);
        assertEquals(TensorType.of(DType.FLOAT32, 1, 2), analyzeTypeOfY(r));
    }

    @Test
    void treeEnsembleVersion5GivesTargetsInTheInputsTypeAndCountsItsTensorAttributes() {
        input("x", DType.FLOAT64, 3, 7);
        // 5 split values and 6 leaf weights, as double tensors (version 5 keeps them in tensor attributes)
        Tensor splits = new Tensor("splits", DType.FLOAT64, Shape.of(5), null, null, null, null);
        Tensor leaves = new Tensor("leaves", DType.FLOAT64, Shape.of(6), null, null, null, null);
        node(
                "TreeEnsemble",
                List.of("x"),
                List.of("y"),
                Map.of(
                        "n_targets",
                        new Attr.Int(2),
                        "nodes_splits",
                        new Attr.TensorValue(splits),
                        "leaf_weights",
                        new Attr.TensorValue(leaves),
                        "nodes_featureids",
                        ints(0, 1, 2, 3, 4),
                        "leaf_targetids",
                        ints(0, 1, 0, 1, 0, 1)));
        node("ZipMap", List.of("y"), List.of("maps"), Map.of("classlabels_int64s", ints(0, 1)));
        Graph g = new Graph("ml", nodes, inputs, List.of(), tensors, Map.of(), Map.of("", 21, ML, 5));
        InferredTypes t = ShapeInference.run(g, Assumptions.DEFAULT, OpRegistry.standard());
        assertEquals(TensorType.of(DType.FLOAT64, 3, 2), t.typeOf("y"));
        assertTrue(t.sequences().containsKey("maps"), "ZipMap gives a sequence of maps");
        Report r = new ModelAnalysis(OpRegistry.standard())
                .analyze(
                        new ImportedModel("onnx", "ml.onnx", 0, g, List.of(), Map.of(), List.of()),
                        Assumptions.DEFAULT);
        assertEquals(5, r.parameters().role(TensorRole.OTHER_PARAMETER));
        assertEquals(6, r.parameters().role(TensorRole.WEIGHT));
        assertEquals((5 + 6) * 8, r.parameters().inAttributesLogicalBytes());
    }

    /**
     * Linear models multiply each feature by a coefficient per class: 3 classes × 4 features = 12 MACs per row, 5 rows:
     * 60. An RBF SVM with 6 support vectors of 4 features evaluates 24 products per row, then weighs the 6 kernel values
     * by 2 × 6 dual coefficients (3 classes, one-vs-one: 2 per support vector): 36 per row, 180 for 5 rows. A tree
     * ensemble compares: 0.
     */
    @Test
    void linearModelsAndSvmsCountTheirProductsPerRow() {
        input("x", DType.FLOAT32, 5, 4);
        node(
                "LinearClassifier",
                List.of("x"),
                List.of("label", "scores"),
                Map.of("coefficients", floats(12), "intercepts", floats(3), "classlabels_ints", ints(0, 1, 2)));
        node(
                "SVMClassifier",
                List.of("x"),
                List.of("svm_label", "svm_scores"),
                Map.of(
                        "support_vectors",
                        floats(24),
                        "coefficients",
                        floats(12),
                        "rho",
                        floats(3),
                        "kernel_type",
                        new Attr.Str("RBF"),
                        "classlabels_ints",
                        ints(0, 1, 2)));
        Map<String, Long> macs = new LinkedHashMap<>();
        for (LayerRow row : analyze().layers()) {
            macs.put(row.op(), row.macs());
        }
        assertEquals(60L, macs.get("LinearClassifier"));
        assertEquals(180L, macs.get("SVMClassifier"));
    }

    private static TensorType analyzeTypeOfY(Report r) {
        return r.layers().stream()
                .filter(l -> l.op().equals("LinearRegressor"))
                .findFirst()
                .orElseThrow()
                .output();
    }
}
