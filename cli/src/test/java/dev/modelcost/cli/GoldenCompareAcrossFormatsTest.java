package dev.modelcost.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * compare across formats on two shared-corpus MNIST-style CNNs (no true same-model pair of different formats is
 * in the corpus): a Keras 1 .h5 and an ONNX graph. The explanations must name what differs: the format, the
 * file's categories, and how the layers were (not) matched when no name is shared.
 */
class GoldenCompareAcrossFormatsTest {
    private static final String KERAS =
            "keras/KonduitAI__dl4j-test-resources/src__main__resources__keras__simple__cnn_tf_model.h5";
    private static final String ONNX = "onnx/dl4j-test-resources/onnx_graphs__output_cnn_mnist.onnx";
    private static final String DL4J = "dl4j/dl4j-integration-tests__LenetMnist__Model_RANDOM_INIT_UNTRAINED.zip";

    private static String compare(String a, String b, String format) {
        Path corpus = InspectCommandTest.corpus();
        InspectCommandTest.Run r = InspectCommandTest.run(
                "compare", corpus.resolve(a).toString(), corpus.resolve(b).toString(), "--format", format);
        assertEquals(0, r.code(), r.err());
        return r.out().replace(corpus.toString(), "$CORPUS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void kerasVersusOnnxMatchesItsGoldenFile(String format) throws Exception {
        Golden.check(
                GoldenCompareAcrossFormatsTest.class,
                "keras_cnn_vs_onnx_cnn_mnist." + format,
                compare(KERAS, ONNX, format));
    }

    @Test
    void explanationsNameTheFormatsTheOptimizerStateAndTheLayerMatching() {
        String out = compare(ONNX, DL4J, "text");
        assertTrue(out.contains("the formats differ: A is onnx, B is dl4j"), out);
        assertTrue(out.contains("optimizer state stored in the file: A 0 bytes, B "), out);
        assertTrue(
                out.contains("no layer name is shared, so layers with parameters are matched by schedule position"),
                out);
    }
}
