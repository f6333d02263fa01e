package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch's exporter writes Identity_N nodes that pass de-duplicated biases to the convolutions (corpus README,
 * onnx/torchvision). The biases belong to the convolutions: every Conv row shows one bias per output channel (its
 * output shape's dimension 1, from the graph), counted once where shared; no Identity row carries parameters or
 * shows in the default table; per-layer parameters add up to the total (resnet18 truth: onnx initializer elements).
 */
class IdentityRowsTest {
    private static final String RESNET = "onnx/torchvision/resnet18_external.onnx";

    @Test
    void sharedBiasesShowAtTheConvolutionsAndIdentityRowsAreNoOps() throws Exception {
        String file = InspectCommandTest.corpus().resolve(RESNET).toString();
        JsonNode r = new ObjectMapper()
                .readTree(InspectCommandTest.run("inspect", file, "-f", "json").out());
        long sum = 0;
        int convs = 0;
        for (JsonNode l : r.path("layers")) {
            sum += l.path("parameters").asLong();
            if (l.path("op").asText().equals("Identity")) {
                assertEquals(0, l.path("parameters").asLong(), l.toString());
                assertTrue(l.path("noOp").asBoolean(), l.toString());
            }
            if (l.path("op").asText().equals("Conv")) {
                convs++;
                long channels = l.path("outputShape").get(1).asLong();
                long bias =
                        l.path("biases").asLong() + l.path("sharedParameters").asLong();
                assertEquals(channels, bias, "bias of " + l.path("name").asText());
            }
        }
        assertEquals(20, convs, "ResNet-18: 1 stem, 16 block and 3 downsample convolutions");
        assertEquals(r.path("parameters").path("total").asLong(), sum);
        JsonNode truth = new ObjectMapper()
                .readTree(InspectCommandTest.corpus()
                        .resolve("onnx/torchvision/resnet18_external.truth.json")
                        .toFile());
        assertEquals(
                truth.at("/onnx/initializer_elements").asLong(),
                r.path("parameters").path("total").asLong());

        String text = InspectCommandTest.run("inspect", file).out();
        assertFalse(text.contains("Identity_"), "no Identity rows by default");
        // The text table: every Conv row has a figure in its biases column, counted there or marked shared (+N*).
        String header =
                text.lines().filter(l -> l.startsWith("Layer ")).findFirst().orElseThrow();
        int from = header.indexOf("weights") + "weights".length();
        int to = header.indexOf("biases") + "biases".length();
        List<String> convRows = text.lines().filter(l -> l.contains(" Conv ")).toList();
        assertEquals(20, convRows.size(), text);
        for (String row : convRows) {
            assertTrue(row.substring(from, to).strip().matches("\\+?[0-9,]+\\*?"), row);
        }
        assertTrue(InspectCommandTest.run("inspect", file, "--all-nodes").out().contains("Identity_0"));
    }
}
