package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** modelcost compare: black-box runs on corpus files whose differences the truth files state. */
class CompareCommandTest {

    private static Path torchvision(String name) {
        return InspectCommandTest.corpus().resolve("onnx/torchvision").resolve(name);
    }

    private static JsonNode line(JsonNode j, String quantity) {
        for (JsonNode l : j.get("lines")) {
            if (l.get("quantity").asText().equals(quantity)) {
                return l;
            }
        }
        throw new AssertionError("no line " + quantity + " in " + j);
    }

    @Test
    void fp32AndFp16ExportsHaveTheSameParametersInHalfTheBytes() throws Exception {
        Path fp32 = torchvision("resnet18_external.onnx");
        Path fp16 = torchvision("resnet18_fp16.onnx");
        JsonNode t32 = new ObjectMapper()
                .readTree(torchvision("resnet18_external.truth.json").toFile());
        JsonNode t16 = new ObjectMapper()
                .readTree(torchvision("resnet18_fp16.truth.json").toFile());
        InspectCommandTest.Run r =
                InspectCommandTest.run("compare", fp32.toString(), fp16.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode params = line(j, "parameters");
        assertEquals(
                t32.at("/onnx/initializer_elements").asLong(), params.get("a").asLong());
        assertEquals(
                t16.at("/onnx/initializer_elements").asLong(), params.get("b").asLong());
        JsonNode bytes = line(j, "parameter bytes as stored");
        // 4 bytes per fp32 element, 2 per fp16 element (IEEE 754 widths).
        assertEquals(4 * params.get("a").asLong(), bytes.get("a").asLong());
        assertEquals(2 * params.get("b").asLong(), bytes.get("b").asLong());
        assertEquals(
                bytes.get("b").asLong() - bytes.get("a").asLong(),
                bytes.get("delta").asLong());
        String why = j.get("explanations").toString();
        assertTrue(why.contains("element types"), why);
        assertTrue(why.contains("file bytes differ"), why);
    }

    @Test
    void aModelComparedWithItselfHasNoDifferences() {
        Path m = torchvision("squeezenet1_1.onnx");
        InspectCommandTest.Run r = InspectCommandTest.run("compare", m.toString(), m.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("What explains the differences:"), r.out());
        assertTrue(r.out().contains("parameters are the same"), r.out());
        assertTrue(r.out().contains("no other difference"), r.out());
    }

    @Test
    void differentModelsAreExplainedByOpCountsInMarkdown() {
        InspectCommandTest.Run r = InspectCommandTest.run(
                "compare",
                torchvision("squeezenet1_1.onnx").toString(),
                torchvision("mobilenet_v2.onnx").toString(),
                "--format",
                "markdown");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| parameters | parameters |"), r.out());
        assertTrue(r.out().contains("op counts differ"), r.out());
    }

    @Test
    void htmlIsNotACompareFormatAndThatIsAUsageError() {
        Path m = torchvision("squeezenet1_1.onnx");
        InspectCommandTest.Run r = InspectCommandTest.run("compare", m.toString(), m.toString(), "--format", "html");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not offer --format html"), r.err());
    }

    @Test
    void aMissingSecondFileIsExitFour() {
        Path m = torchvision("squeezenet1_1.onnx");
        assertEquals(
                4,
                InspectCommandTest.run(
                                "compare",
                                m.toString(),
                                m.resolveSibling("nope.onnx").toString())
                        .code());
    }
}
