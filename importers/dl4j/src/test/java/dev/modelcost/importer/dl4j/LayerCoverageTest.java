package dev.modelcost.importer.dl4j;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer types the corpus lacks, as hand-written configurations (DL4J 1.0.0-beta JSON). Expected
 * parameter counts, shapes and MACs are worked out by hand in the comments from the layer sizes.
 */
class LayerCoverageTest {
    @TempDir
    Path dir;

    private static String layer(String cls, String body) {
        return "{\"layer\":{\"@class\":\"org.deeplearning4j.nn.conf." + cls + "\"," + body + "}}";
    }

    private static final String CONV2D =
            "\"convolutionMode\":\"Truncate\",\"stride\":[1,1],\"padding\":[0,0],\"dilation\":[1,1],"
                    + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationReLU\"},\"hasBias\":true,";

    private ImportedModel importJson(String json, long params) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("configuration.json", json.getBytes(StandardCharsets.UTF_8));
        m.put("coefficients.bin", Nd4jHeaderTest.longHeader("MIXED_DATA_TYPES", "FLOAT", params, (int) params * 4));
        return OpenSources.read(SyntheticZipTest.zip(dir.resolve("net.zip"), m, false));
    }

    private static Map<String, LayerRow> rows(Report r) {
        Map<String, LayerRow> out = new LinkedHashMap<>();
        r.layers().forEach(l -> out.put(l.name(), l));
        return out;
    }

    private static void noBlocks(ImportedModel m) {
        for (Diagnostic d : m.diagnostics()) {
            assertFalse(
                    d.message().contains("one block")
                            || d.message().contains("not in the configuration")
                            || d.message().contains("add up to"),
                    d.message());
        }
    }

    @Test
    void convolutionalNetwork() throws IOException {
        // 28×28×1 → conv 3×3 (8) → BN → max-pool 2 → depthwise 3×3 ×2 (16) → separable 3×3 (4) → frozen dense 324→10 →
        // output 10→3
        String json = "{\"confs\":["
                + layer(
                        "layers.ConvolutionLayer",
                        CONV2D + "\"layerName\":\"conv\",\"nin\":1,\"nout\":8,\"kernelSize\":[3,3]")
                + ","
                + layer(
                        "layers.BatchNormalization",
                        "\"layerName\":\"bn\",\"nin\":8,\"nout\":8,\"eps\":1e-5,\"decay\":0.9,"
                                + "\"lockGammaBeta\":false,\"useLogStd\":false")
                + ","
                + layer(
                        "layers.SubsamplingLayer",
                        "\"layerName\":\"pool\",\"poolingType\":\"MAX\",\"kernelSize\":[2,2],"
                                + "\"stride\":[2,2],\"padding\":[0,0],\"dilation\":[1,1],\"convolutionMode\":\"Truncate\"")
                + ","
                + layer(
                        "layers.DepthwiseConvolution2D",
                        CONV2D
                                + "\"layerName\":\"dw\",\"nin\":8,\"nout\":16,\"depthMultiplier\":2,\"kernelSize\":[3,3]")
                + ","
                + layer(
                        "layers.SeparableConvolution2D",
                        CONV2D
                                + "\"layerName\":\"sep\",\"nin\":16,\"nout\":4,\"depthMultiplier\":1,\"kernelSize\":[3,3]")
                + ","
                + layer(
                        "layers.misc.FrozenLayer",
                        "\"layer\":{\"@class\":\"org.deeplearning4j.nn.conf.layers.DenseLayer\","
                                + "\"layerName\":\"fc\",\"nin\":324,\"nout\":10,\"hasBias\":true,"
                                + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationReLU\"}}")
                + ","
                + layer(
                        "layers.OutputLayer",
                        "\"layerName\":\"out\",\"nin\":10,\"nout\":3,\"hasBias\":true,"
                                + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationSoftmax\"},"
                                + "\"lossFn\":{\"@class\":\"org.nd4j.linalg.lossfunctions.impl.LossMCXENT\"}")
                + "],\"inputPreProcessors\":{"
                + "\"0\":{\"@class\":\"org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor\",\"inputHeight\":28,\"inputWidth\":28,\"numChannels\":1},"
                + "\"5\":{\"@class\":\"org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor\",\"inputHeight\":9,\"inputWidth\":9,\"numChannels\":4}"
                + "},\"dataType\":\"FLOAT\"}";
        // conv 8·1·9+8 = 80; bn 4·8 = 32; dw 3·3·8·2 + 16 = 160; sep 1·16·9 + 4·16 + 4 = 212; fc 324·10+10 = 3250; out
        // 10·3+3 = 33
        long total = 80 + 32 + 160 + 212 + 3250 + 33;
        ImportedModel m = importJson(json, total);
        Report r = SyntheticZipTest.analyze(m);
        noBlocks(m);
        assertEquals(total, r.parameters().total());
        Map<String, LayerRow> rows = rows(r);
        assertEquals(80, rows.get("conv").parameters());
        assertEquals(32, rows.get("bn").parameters());
        assertEquals(160, rows.get("dw").parameters());
        assertEquals(212, rows.get("sep").parameters());
        assertEquals(3250, rows.get("fc").parameters());
        assertEquals(Shape.of(1, 8, 26, 26), rows.get("conv").output().shape());
        assertEquals(Shape.of(1, 8, 13, 13), rows.get("pool").output().shape());
        assertEquals(Shape.of(1, 16, 11, 11), rows.get("dw").output().shape());
        assertEquals(Shape.of(1, 4, 9, 9), rows.get("sep").output().shape());
        assertEquals(Shape.of(1, 3), rows.get("out").output().shape());
        assertEquals(8L * 26 * 26 * 9, rows.get("conv").macs()); // output elements × nIn × kernel
        assertEquals(16L * 11 * 11 * 9, rows.get("dw").macs()); // output elements × kernel
        assertEquals(324L * 10, rows.get("fc").macs());
        // roles: BN statistics are non-trainable parameters, the frozen layer's are not trained
        Map<String, Tensor> t = m.graph().tensors();
        assertEquals(TensorRole.NORM_SCALE_SHIFT, t.get("bn_gamma").declaredRole());
        assertEquals(TensorRole.NORM_STATISTIC, t.get("bn_mean").declaredRole());
        assertEquals(Boolean.FALSE, t.get("bn_var").declaredTrainable());
        assertEquals(Boolean.FALSE, t.get("fc_W").declaredTrainable());
        assertEquals(TensorRole.WEIGHT, t.get("fc_W").declaredRole());
        assertEquals(16 + 3250, r.parameters().nonTrainable()); // mean+var (2·8) and the frozen dense layer
        // positions in the flattened vector (offsets inside the inflated entry): the convolution's bias comes
        // first, then its weights (80 in all), then gamma, beta, mean, var
        long start = t.get("conv_b").storage().offsetBytes();
        assertEquals(start + 8 * 4, t.get("conv_W").storage().offsetBytes());
        assertEquals(start + (80 + 8 + 8) * 4, t.get("bn_mean").storage().offsetBytes());
    }

    @Test
    void recurrentNetwork() throws IOException {
        // input 5 features × time → LSTM 5→6 → SimpleRnn 6→4 → RnnOutput 4→2
        String json = "{\"confs\":["
                + layer(
                        "layers.LSTM",
                        "\"layerName\":\"lstm\",\"nin\":5,\"nout\":6,"
                                + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationTanH\"}")
                + ","
                + layer(
                        "layers.recurrent.SimpleRnn",
                        "\"layerName\":\"rnn\",\"nin\":6,\"nout\":4,"
                                + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationTanH\"}")
                + ","
                + layer(
                        "layers.RnnOutputLayer",
                        "\"layerName\":\"out\",\"nin\":4,\"nout\":2,\"hasBias\":true,"
                                + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationSoftmax\"},"
                                + "\"lossFn\":{\"@class\":\"org.nd4j.linalg.lossfunctions.impl.LossMCXENT\"}")
                + "],\"inputPreProcessors\":{},\"dataType\":\"FLOAT\"}";
        // LSTM 4·6·(5+6+1) = 288; SimpleRnn 4·(6+4+1) = 44; output 4·2+2 = 10
        ImportedModel m = importJson(json, 288 + 44 + 10);
        noBlocks(m);
        Report perTenSteps = new dev.modelcost.core.analysis.ModelAnalysis(dev.modelcost.core.ops.OpRegistry.standard())
                .analyze(m, new Assumptions(1, Map.of("time", 10L), null));
        assertEquals(342, perTenSteps.parameters().total());
        Map<String, LayerRow> rows = rows(perTenSteps);
        assertEquals(288, rows.get("lstm").parameters());
        assertEquals(Shape.of(1, 6, 10), rows.get("lstm").output().shape());
        assertEquals(10L * 4 * 6 * (5 + 6), rows.get("lstm").macs()); // steps × 4 gates × nOut × (nIn + nOut)
        assertEquals(10L * 4 * (6 + 4), rows.get("rnn").macs());
        assertEquals(10L * 2 * 4, rows.get("out").macs());
        assertTrue(perTenSteps.macsComplete());
        assertEquals(
                List.of("lstm_W", "lstm_RW", "lstm_b", "rnn_W", "rnn_RW", "rnn_b", "out_W", "out_b"),
                List.copyOf(m.graph().tensors().keySet()));
    }

    private static String graphJson(String mergeClass) {
        String dense =
                "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationReLU\"},\"hasBias\":true";
        return "{\"vertices\":{"
                + "\"a\":{\"@class\":\"org.deeplearning4j.nn.conf.graph.LayerVertex\",\"layerConf\":"
                + layer("layers.DenseLayer", "\"layerName\":\"a\",\"nin\":3,\"nout\":4," + dense) + "},"
                + "\"b\":{\"@class\":\"org.deeplearning4j.nn.conf.graph.LayerVertex\",\"layerConf\":"
                + layer("layers.DenseLayer", "\"layerName\":\"b\",\"nin\":5,\"nout\":4," + dense) + "},"
                + "\"m\":{\"@class\":\"" + mergeClass + "\"},"
                + "\"out\":{\"@class\":\"org.deeplearning4j.nn.conf.graph.LayerVertex\",\"layerConf\":"
                + layer(
                        "layers.OutputLayer",
                        "\"layerName\":\"out\",\"nin\":8,\"nout\":2,\"hasBias\":true,"
                                + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationSoftmax\"},"
                                + "\"lossFn\":{\"@class\":\"org.nd4j.linalg.lossfunctions.impl.LossMCXENT\"}")
                + "}"
                + "},\"vertexInputs\":{\"a\":[\"in1\"],\"b\":[\"in2\"],\"m\":[\"a\",\"b\"],\"out\":[\"m\"]},"
                + "\"networkInputs\":[\"in1\",\"in2\"],\"networkOutputs\":[\"out\"],\"dataType\":\"FLOAT\"}";
    }

    @Test
    void computationGraphWithACustomVertex() throws IOException {
        // DL4J cannot parse the whole graph; the vertices it knows are read one by one (a 16 + b 24 + out 18)
        ImportedModel m = importJson(graphJson("com.example.MyMergeVertex"), 58);
        Report r = SyntheticZipTest.analyze(m);
        assertEquals(58, r.parameters().total());
        assertEquals("com.example.MyMergeVertex", m.metadata().get("dl4j.unknownLayerClasses"));
        Map<String, LayerRow> rows = rows(r);
        assertEquals(16, rows.get("a").parameters());
        assertEquals("MyMergeVertex", rows.get("m").op());
        assertEquals(Shape.of(1, 2), rows.get("out").output().shape()); // resumed from the output layer's nIn
    }

    @Test
    void computationGraphWithMerge() throws IOException {
        // in1 (3) → a: dense 3→4; in2 (5) → b: dense 5→4; merge → 8 → out: output 8→2
        String json = graphJson("org.deeplearning4j.nn.conf.graph.MergeVertex");
        // a 3·4+4 = 16; b 5·4+4 = 24; out 8·2+2 = 18
        ImportedModel m = importJson(json, 58);
        noBlocks(m);
        Report r = SyntheticZipTest.analyze(m);
        assertEquals("ComputationGraph", m.metadata().get("dl4j.kind"));
        assertEquals(58, r.parameters().total());
        Map<String, LayerRow> rows = rows(r);
        assertEquals(Shape.of(1, 8), rows.get("m").output().shape());
        assertEquals(3 * 4 + 5 * 4 + 8 * 2, r.macs());
        assertEquals(
                List.of("a", "b"),
                m.graph().nodes().stream()
                        .filter(n -> n.opType().equals("MergeVertex"))
                        .findFirst()
                        .orElseThrow()
                        .inputs());
    }
}
