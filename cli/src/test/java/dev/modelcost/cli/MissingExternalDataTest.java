package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model whose external data file is missing (silero_vad's .data was never committed upstream): one diagnostic
 * naming the file and its expected bytes, a ledger entry for them, `explain` naming the file, `audit` marking the
 * file incomplete. Oracle: the truth file's external_data entry (location, tensors, Σ declared lengths).
 */
class MissingExternalDataTest {
    private static final String FILE = "onnx/real/silero_vad_op18_ifless_v1_nodata.onnx";

    @TempDir
    Path dir;

    private static JsonNode missing() throws Exception {
        Path truth = InspectCommandTest.corpus().resolve(FILE + ".truth.json");
        return new ObjectMapper().readTree(truth.toFile()).path("external_data").get(0);
    }

    @Test
    void inspectNamesTheFileOnceWithItsExpectedBytes() throws Exception {
        JsonNode expected = missing();
        String location = expected.path("location").asText();
        long bytes = expected.path("declared_length_sum").asLong();
        InspectCommandTest.Run r = InspectCommandTest.run(
                "inspect", InspectCommandTest.corpus().resolve(FILE).toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        long naming = 0;
        for (JsonNode d : report.path("diagnostics")) {
            if (d.path("message").asText().contains(location)) {
                naming++;
                assertEquals("error", d.path("severity").asText());
                assertTrue(d.path("message").asText().contains(String.format(Locale.ROOT, "%,d", bytes)), d.toString());
            }
        }
        assertEquals(1, naming, "one diagnostic for the file, not one per tensor: " + report.path("diagnostics"));
        assertEquals(bytes, report.path("ledger").path("missingBytes").asLong());
        JsonNode entry = null;
        for (JsonNode e : report.path("ledger").path("entries")) {
            if (e.path("category").asText().equals("missing-external-data")) {
                entry = e;
            }
        }
        assertEquals(location, entry.path("detail").asText());
        assertEquals(expected.path("tensors").asLong(), entry.path("count").asLong());

        // the summary paragraph wraps at 100 columns
        String text = InspectCommandTest.run(
                        "inspect", InspectCommandTest.corpus().resolve(FILE).toString())
                .out()
                .replaceAll("\\s+", " ");
        assertFalse(text.contains("every byte is accounted for"), text);
        assertTrue(text.contains("'" + location + "' is not there"), text);
    }

    @Test
    void explainNamesTheMissingFile() throws Exception {
        String location = missing().path("location").asText();
        InspectCommandTest.Run r = InspectCommandTest.run(
                "explain", InspectCommandTest.corpus().resolve(FILE).toString());
        assertEquals(0, r.code(), r.err());
        String text = r.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("external data missing") && text.contains("'" + location + "'"), text);
        assertFalse(text.contains("payloads may be missing"), text);
    }

    @Test
    void auditMarksTheFileIncompleteAndAnEmptyOnnxFailed() throws Exception {
        Files.copy(InspectCommandTest.corpus().resolve(FILE), dir.resolve("vad.onnx"));
        Files.write(dir.resolve("empty.onnx"), new byte[0]);
        InspectCommandTest.Run r = InspectCommandTest.run("audit", dir.toString(), "--no-progress", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[1].startsWith("empty.onnx,") && lines[1].contains(",failed,"), lines[1]);
        assertTrue(lines[2].startsWith("vad.onnx,onnx,") && lines[2].contains(",incomplete,"), lines[2]);
    }
}
