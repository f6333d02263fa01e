package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classic-ML (ai.onnx.ml) files of onnx/real: every op known, map types printed, attribute parameters counted. */
class OnnxMlFilesTest {
    private static Path real(String file) {
        return Corpus.root().resolve("onnx/real").resolve(file);
    }

    private static List<String> unknownOps(Report r) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            if (d.message().toLowerCase(Locale.ROOT).contains("unknown operator")) {
                out.add(d.message());
            }
        }
        return out;
    }

    @Test
    void theDictVectorizersMapInputKeepsItsTypeAndItsOutputHasTheDeclaredShape() throws Exception {
        Path f = real("skl_dictvectorizer.onnx");
        JsonNode truth = Corpus.truth(f.resolveSibling("skl_dictvectorizer.onnx.truth.json"));
        Report r = ModelCost.standard().inspect(f);
        ValueInfo in = r.inputs().get(0);
        // the truth writes ONNX's type string with upper-case element names: map(STRING,tensor(FLOAT))
        assertTrue(
                truth.at("/expected/input_type/value")
                        .asText()
                        .equalsIgnoreCase(in.container().text()),
                in.container().text());
        assertEquals(List.of(), unknownOps(r));
        // declared [1, 3]: DictVectorizer gives [1, vocabulary of 3], float like the map's values
        assertEquals(TensorType.of(DType.FLOAT32, 1, 3), r.outputs().get(0).type());
    }

    @Test
    void theOneHotPipelineIsKnownAndEndsInTheDeclaredWidth() throws Exception {
        Report r = ModelCost.standard().inspect(real("onnxmltools_coreml_onehot.onnx"));
        assertEquals(List.of(), unknownOps(r));
        // declared [1, 57]: FeatureVectorizer's inputdimensions 4 + 2 + 12 + 24 + 2 + 7 + 2 + 4 (the OneHotEncoders'
        // categories)
        assertEquals(TensorType.of(DType.FLOAT32, 1, 57), r.outputs().get(0).type());
        // 8 Scalers, each one offset and one scale (attribute lists of length 1): 16 statistics
        assertEquals(16, r.parameters().role(TensorRole.NORM_STATISTIC));
    }

    @Test
    void theTreeEnsemblesThresholdsLeafWeightsAndBaseValuesAreParameters() throws Exception {
        Report r = ModelCost.standard().inspect(real("skl_treecl.onnx"));
        // Counted by hand from the node's attributes (list lengths read with a protobuf wire walk, not modelcost):
        // nodes_values 406 thresholds, class_weights 218 leaf votes, base_values 3; the ids, modes, hit rates
        // and missing-value flags (406 each, class_* ids 218 each) are tree structure, not parameters.
        assertEquals(406 + 218 + 3, r.parameters().total());
        assertEquals(218, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(3, r.parameters().role(TensorRole.BIAS));
        assertEquals(406, r.parameters().role(TensorRole.OTHER_PARAMETER));
        assertEquals(0, r.parameters().trainable());
        LayerRow tree = r.layers().stream()
                .filter(l -> l.op().equals("TreeEnsembleClassifier"))
                .findFirst()
                .orElseThrow();
        assertEquals(627, tree.parameters());
        // all of it inside node attributes: the ledger still explains every byte
        assertEquals(627 * 4, r.parameters().inAttributesLogicalBytes());
        assertEquals(0, r.ledger().unexplainedBytes());
        // proba_0 [N, 3]: three int64 class labels
        assertEquals(TensorType.of(DType.FLOAT32, 1, 3), r.outputs().get(1).type());
    }
}
