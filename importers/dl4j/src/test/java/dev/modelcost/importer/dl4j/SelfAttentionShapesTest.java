package dev.modelcost.importer.dl4j;

import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J's SelfAttentionLayer (a SameDiff layer) between recurrent layers: shapes carry on past it. */
class SelfAttentionShapesTest {
    @TempDir
    Path dir;

    @Test
    void shapesCarryOnPastSelfAttention() throws Exception {
        String conf = "{\"confs\":["
                + "{\"layer\":{\"@class\":\"org.deeplearning4j.nn.conf.layers.SelfAttentionLayer\",\"layerName\":\"att\","
                + "\"nin\":8,\"nout\":8,\"nheads\":2,\"headSize\":4,\"projectInput\":true},"
                + "\"variables\":[\"Wq\",\"Wk\",\"Wv\",\"Wo\"]},"
                + "{\"layer\":{\"@class\":\"org.deeplearning4j.nn.conf.layers.RnnOutputLayer\",\"layerName\":\"out\",\"nin\":8,\"nout\":3,"
                + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationSoftmax\"},"
                + "\"lossFn\":{\"@class\":\"org.nd4j.linalg.lossfunctions.impl.LossMCXENT\"}},"
                + "\"variables\":[\"W\",\"b\"]}],"
                + "\"inputPreProcessors\":{},\"dataType\":\"FLOAT\"}";
        // attention: Wq, Wk, Wv [8, 2·4] each and Wo [2·4, 8]; output 8·3 + 3
        long params = 4 * 64 + (8 * 3 + 3);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("configuration.json", conf.getBytes(StandardCharsets.UTF_8));
        entries.put(
                "coefficients.bin", Nd4jHeaderTest.longHeader("MIXED_DATA_TYPES", "FLOAT", params, (int) params * 4));
        Path zip = SyntheticZipTest.zip(dir.resolve("att.zip"), entries, false);
        Report r = SyntheticZipTest.analyze(OpenSources.read(zip));
        assertEquals(params, r.parameters().total());
        var att = r.layers().stream()
                .filter(l -> l.name().equals("att"))
                .findFirst()
                .orElseThrow();
        assertEquals("[1, 8, time]", att.output().shape().toString(), "nOut 8 per step, the sequence's length kept");
        assertEquals(4 * 64, att.weights(), "Wq, Wk, Wv [8, 2·4] and Wo [2·4, 8], as the layer declares them");
        assertEquals(null, att.macs(), "attention MACs are not counted: unknown, not 0");
        var out = r.layers().stream()
                .filter(l -> l.name().equals("out"))
                .findFirst()
                .orElseThrow();
        assertEquals("[1, 3, time]", out.output().shape().toString());
        assertTrue(
                r.diagnostics().stream().noneMatch(d -> d.message().contains("unknown operator")),
                r.diagnostics().toString());
    }
}
