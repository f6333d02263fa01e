package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Black-box tests of modelcost audit: the folder walk, one JSON line per model, failures as objects. */
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOneLinePerModelAndAnErrorObjectForABrokenOne() throws Exception {
        Path model = InspectCommandTest.corpus().resolve("onnx/torchvision/squeezenet1_1.onnx");
        Path nested = Files.createDirectories(dir.resolve("a/b"));
        Files.copy(model, nested.resolve("squeezenet.onnx"));
        byte[] all = Files.readAllBytes(model);
        Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(all, all.length / 3));
        Files.writeString(dir.resolve("notes.json"), "{\"not\": \"a model\"}");

        InspectCommandTest.Run r = InspectCommandTest.run("audit", dir.toString(), "--format", "jsonl");

        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(2, lines.size(), "the .json file is no model and is skipped: " + r.out());
        JsonNode report = lines.get(0);
        assertTrue(report.path("model").path("path").asText().endsWith("squeezenet.onnx"));
        // torchvision squeezenet1_1 classifies into 1000 ImageNet classes (truth: its export's output).
        assertEquals("[1,1000]", report.path("graph").path("outputs").get(0).path("shape").toString());
        JsonNode failed = lines.get(1);
        assertTrue(failed.path("model").path("path").asText().endsWith("truncated.onnx"));
        assertFalse(failed.path("error").asText().isEmpty());
    }

    @Test
    void aFileInsteadOfAFolderIsAUsageError() throws Exception {
        Path f = Files.writeString(dir.resolve("x.txt"), "x");
        assertEquals(ExitCodes.USAGE, InspectCommandTest.run("audit", f.toString()).code());
    }
}
