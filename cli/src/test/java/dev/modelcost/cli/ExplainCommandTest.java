package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testdata.StreamingOnnxWriter;
import dev.modelcost.testdata.Vgg16Onnx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static dev.modelcost.cli.InspectCommandTest.corpus;
import static dev.modelcost.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * modelcost explain, black box. The VGG-16 golden files use the generator's HOLES payload (a sparse file, fast to
 * write): its payloads are all zeros, so every tensor that shares a shape with an earlier one is an honest
 * byte-for-byte copy, and the golden output shows them as duplicates. The pseudo-random VGG-16 of the README
 * has none (see docs/ledger.md for its figures).
 */
class ExplainCommandTest {
    @TempDir
    static Path dir;

    static Path vgg;

    @BeforeAll
    static void writeVgg16() throws Exception {
        vgg = dir.resolve("vgg16.onnx");
        Vgg16Onnx.write(vgg, Vgg16Onnx.Layout.KERAS, StreamingOnnxWriter.Payload.HOLES);
    }

    private static String normalized(String out) {
        return out.replace(dir.toString(), "<tmp>");
    }

    @Test
    void explainVgg16Holes() throws Exception {
        InspectCommandTest.Run r = run("explain", vgg.toString());
        assertEquals(0, r.code(), r.err());
        Golden.check("ExplainCommandTest.explainVgg16Holes.txt", normalized(r.out()));
    }

    @Test
    void explainVgg16HolesAsJson() throws Exception {
        InspectCommandTest.Run r = run("explain", vgg.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        Golden.check("ExplainCommandTest.explainVgg16HolesAsJson.json", normalized(r.out()));
    }

    /** jsonl is the json object on one line; markdown carries the same figures and causes as the text. */
    @Test
    void explainOffersJsonlAndMarkdownThroughTheSharedFormatOption() throws Exception {
        JsonNode json = new ObjectMapper()
                .readTree(run("explain", vgg.toString(), "--format", "json").out());
        InspectCommandTest.Run jsonl = run("explain", vgg.toString(), "-f", "jsonl");
        assertEquals(0, jsonl.code(), jsonl.err());
        assertEquals(1, jsonl.out().lines().count(), jsonl.out());
        assertEquals(json, new ObjectMapper().readTree(jsonl.out()));

        InspectCommandTest.Run md = run("explain", vgg.toString(), "--format", "markdown");
        assertEquals(0, md.code(), md.err());
        assertTrue(
                md.out()
                        .contains("| Parameters x 4 bytes | "
                                + String.format(
                                        Locale.ROOT,
                                        "%,d",
                                        json.path("naiveBytes").asLong()) + " |"),
                md.out());
        for (JsonNode cause : json.path("bridge")) {
            assertTrue(
                    md.out()
                            .contains(String.format(
                                    Locale.ROOT,
                                    "%,d",
                                    Math.abs(cause.path("bytes").asLong()))),
                    "cause " + cause.path("id") + " in " + md.out());
        }
    }

    @Test
    void explainRefusesAFormatItDoesNotOffer() throws Exception {
        InspectCommandTest.Run r = run("explain", vgg.toString(), "--format", "html");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("does not offer --format html"), r.err());
    }

    /**
     * Hand count for the all-zero VGG-16: copies of an earlier same-shape tensor are block3_conv3 (256·256·3·3·4 =
     * 2,359,296 B), block4_conv3 and block5_conv1..3 (4 × 512·512·3·3·4 = 37,748,736 B), and the biases of 64 (1 × 256),
     * 128 (1 × 512), 256 (2 × 1,024), 512 (5 × 2,048) and 4096 (1 × 16,384) channels: 40,137,472 bytes in 15 tensors.
     * Parameters: 138,357,544 (published); the bridge adds up to the file size.
     */
    @Test
    void theBridgeAddsUpAndTheZeroPayloadsAreCopies() throws Exception {
        JsonNode j = new ObjectMapper()
                .readTree(run("explain", vgg.toString(), "--format", "json").out());
        assertEquals(138_357_544L, j.get("parameters").asLong());
        assertEquals(4 * 138_357_544L, j.get("naiveBytes").asLong());
        long sum = j.get("naiveBytes").asLong();
        for (JsonNode c : j.get("bridge")) {
            sum += c.get("bytes").asLong();
        }
        assertEquals(j.get("totalBytes").asLong(), sum, "naive + causes = bytes on disk");
        assertEquals(Files.size(vgg), j.get("totalBytes").asLong());
        Map<String, Long> notes = new HashMap<>();
        j.get("notes")
                .forEach(n -> notes.put(n.get("id").asText(), n.get("bytes").asLong()));
        assertEquals(40_137_472L, notes.get("duplicates"));
        assertEquals(13_416L * 4, notes.get("biases"), "13,416 biases (published) at 4 bytes");
        assertFalse(notes.containsKey("external-data"), "causes that do not apply are not listed");
        assertFalse(notes.containsKey("norm-statistics"));
    }

    @Test
    void fp16StorageAndExternalDataAreNamedWithTheirBytes() throws Exception {
        Path tv = corpus().resolve("onnx/torchvision");
        JsonNode fp16Truth = new ObjectMapper()
                .readTree(tv.resolve("resnet18_fp16.truth.json").toFile())
                .get("onnx");
        JsonNode fp16 = new ObjectMapper()
                .readTree(run("explain", tv.resolve("resnet18_fp16.onnx").toString(), "--format", "json")
                        .out());
        Map<String, Long> bridge = new HashMap<>();
        fp16.get("bridge")
                .forEach(n -> bridge.put(n.get("id").asText(), n.get("bytes").asLong()));
        assertEquals(
                -2 * fp16Truth.get("initializer_elements").asLong(),
                bridge.get("storage-dtype"),
                "fp16: 2 bytes per parameter instead of 4");

        JsonNode extTruth = new ObjectMapper()
                .readTree(tv.resolve("resnet18_external.truth.json").toFile())
                .get("onnx");
        JsonNode ext = new ObjectMapper()
                .readTree(run("explain", tv.resolve("resnet18_external.onnx").toString(), "--format", "json")
                        .out());
        Map<String, Long> notes = new HashMap<>();
        ext.get("notes")
                .forEach(n -> notes.put(n.get("id").asText(), n.get("bytes").asLong()));
        assertEquals(
                extTruth.at("/external_data/external_files/resnet18.onnx.data").asLong(), notes.get("external-data"));
        assertEquals(
                extTruth.get("file_size_bytes").asLong(), ext.get("fileBytes").asLong());
    }

    @Test
    void inspectEndsWithALedgerParagraph() {
        InspectCommandTest.Run r = run("inspect", vgg.toString());
        assertEquals(0, r.code(), r.err());
        String last =
                r.out().substring(r.out().lastIndexOf("\n\nWhere the ") + 2).replace("\n", " ");
        assertTrue(last.startsWith("Where the 553,435,345 bytes"), last);
        assertTrue(last.contains("duplicate copies 40,137,472 bytes in 15 tensors"), last);
        assertTrue(last.contains("every byte is accounted for."), last);
    }

    @Test
    void aMissingFileIsExitFour() {
        assertEquals(4, run("explain", dir.resolve("nope.onnx").toString()).code());
        assertEquals(2, run("explain").code());
    }
}
