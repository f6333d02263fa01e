package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --batch 8} on ResNet-18 as torchvision exports it ([1, 3, 224, 224] in the file): every format shows the
 * shapes for the batch of 8 and says so, while the per-sample figures stay the truth's. Oracle: the truth file's
 * shapes (batch axis 1 → 8) and MACs; the input's 3 × 224 × 224 = 150,528 values per sample.
 */
class RebatchedShapesCliTest {
    private static final Path RESNET = Path.of("onnx/torchvision/resnet18_external.onnx");

    private static String resnet() {
        return InspectCommandTest.corpus().resolve(RESNET).toString();
    }

    private static JsonNode truth() throws Exception {
        return new ObjectMapper()
                .readTree(InspectCommandTest.corpus()
                        .resolve("onnx/torchvision/resnet18_external.truth.json")
                        .toFile());
    }

    @Test
    void everyFormatShowsTheShapesForTheBatchAndSaysSo() throws Exception {
        JsonNode truth = truth();
        assertEquals("[1,3,224,224]", truth.at("/onnx/graph_inputs/0/shape").toString());
        String macs =
                String.format(java.util.Locale.ROOT, "%,d", truth.get("macs").asLong());

        String text =
                InspectCommandTest.run("inspect", resnet(), "--batch", "8").out();
        assertTrue(text.contains("shapes for the batch of 8"), text);
        assertFalse(text.contains("batch dim = 1"), "no stale per-sample wording");
        assertTrue(text.contains("Inputs:  input fp32 [8, 3, 224, 224]"), text);
        assertTrue(text.contains("Outputs: output fp32 [8, 1000]"), text);
        assertTrue(text.contains("MACs: " + macs + " per sample"), text);

        JsonNode json = new ObjectMapper()
                .readTree(InspectCommandTest.run("inspect", resnet(), "--batch", "8", "-f", "json")
                        .out());
        assertEquals(8, json.at("/assumptions/shapeBatch").asLong());
        assertEquals("[8,3,224,224]", json.at("/graph/inputs/0/shape").toString());
        assertEquals("[8,1000]", json.at("/graph/outputs/0/shape").toString());
        assertEquals(truth.get("macs").asLong(), json.get("macs").asLong());

        String md = InspectCommandTest.run("inspect", resnet(), "--batch", "8", "-f", "markdown")
                .out();
        assertTrue(md.contains("shapes for the batch of 8"), md);
        assertTrue(md.contains("`input` fp32 [8, 3, 224, 224]"), md);

        String csv = InspectCommandTest.run("inspect", resnet(), "--batch", "8", "-f", "csv")
                .out();
        assertTrue(csv.contains("input,(input),\"[8, 3, 224, 224]\",fp32,150528,"), csv);

        String html = InspectCommandTest.run("inspect", resnet(), "--batch", "8", "-f", "html")
                .out();
        assertTrue(html.contains("shapes for the batch of 8"), "HTML names the batch the shapes hold");
    }

    @Test
    void atTheFilesBatchTheWordingIsUnchanged() {
        String text = InspectCommandTest.run("inspect", resnet()).out();
        assertTrue(text.contains("symbolic dims per sample (batch dim = 1), others as declared; inference"), text);
        assertTrue(text.contains("Inputs:  input fp32 [1, 3, 224, 224]"), text);
    }

    /** CNTK's MNIST folds its batch of 1 into a Reshape target: shapes stay per sample and the header says so. */
    @Test
    void aModelThatCannotBeRebatchedSaysItsShapesAreForOneSample() {
        String file =
                InspectCommandTest.corpus().resolve("onnx/real/mnist_cntk.onnx").toString();
        String text = InspectCommandTest.run("inspect", file, "--batch", "3").out();
        assertTrue(text.contains("shapes for one sample, figures scaled to the batch of 3"), text);
        assertTrue(text.contains("Inputs:  Input3 fp32 [1, 1, 28, 28]"), text);
        assertTrue(text.contains("(Reshape) fold(s) it into a fixed target shape"), text);
    }
}
