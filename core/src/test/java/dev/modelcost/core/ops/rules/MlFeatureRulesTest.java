package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ai.onnx.ml feature transforms against the operator specs (shapes derived by hand in each test). */
class MlFeatureRulesTest {

    @Test
    void encodersExtractorsAndVectorizersFollowTheirSpecs() {
        Tensor idx = new Tensor("idx", DType.INT64, Shape.of(2), null, null,
                new Storage(Storage.MODEL_FILE, 0, 16, Storage.Encoding.RAW), ConstantValues.ofLongs(0, 2));
        List<Node> nodes = List.of(
                // 3 categories: [4, 1] -> [4, 1, 3]
                new Node("oh", Domains.ML, "OneHotEncoder", List.of("cat"), List.of("oh"), Map.of("cats_int64s", Nodes.is(1, 2, 3))),
                // 2 of the 5 columns: [4, 5] -> [4, 2]
                new Node("af", Domains.ML, "ArrayFeatureExtractor", List.of("x", "idx"), List.of("af"), Map.of()),
                // widths 3 + 2 = 5
                new Node("fv", Domains.ML, "FeatureVectorizer", List.of("oh2", "af"), List.of("fv"),
                        Map.of("inputdimensions", Nodes.is(3, 2))),
                new Node("dv", Domains.ML, "DictVectorizer", List.of("m"), List.of("dv"),
                        Map.of("string_vocabulary", new Attr.Strs(List.of("a", "b", "c", "d")))),
                new Node("zm", Domains.ML, "ZipMap", List.of("x"), List.of("zm"), Map.of("classlabels_int64s", Nodes.is(0, 1))));
        List<ValueInfo> inputs = List.of(new ValueInfo("cat", TensorType.of(DType.INT64, 4, 1)),
                new ValueInfo("x", TensorType.of(DType.FLOAT32, 4, 5)), new ValueInfo("oh2", TensorType.of(DType.FLOAT32, 4, 3)),
                new ValueInfo("m", TensorType.UNKNOWN));
        Graph g = new Graph("g", nodes, inputs, List.of(), Map.of("idx", idx), Map.of(), Map.of("", 13, Domains.ML, 1));
        InferredTypes t = ShapeInference.run(g, Assumptions.DEFAULT, OpRegistry.standard());
        assertEquals(Shape.of(4, 1, 3), t.typeOf("oh").shape());
        assertEquals(Shape.of(4, 2), t.typeOf("af").shape());
        assertEquals(Shape.of(4, 5), t.typeOf("fv").shape());
        assertEquals(4, t.typeOf("dv").shape().dim(1).size());
        assertTrue(t.sequences().containsKey("zm"), "ZipMap gives a sequence of maps");
        assertTrue(t.diagnostics().stream().noneMatch(d -> d.message().contains("unknown operator")), t.diagnostics().toString());
    }
}
