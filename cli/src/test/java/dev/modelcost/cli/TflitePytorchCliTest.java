package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shared TFLite and PyTorch file through the CLI: exit 0, its format, a ledger with no unexplained byte, an explanation. */
class TflitePytorchCliTest {
    @Test
    void everyTfliteAndPytorchCorpusFileIsReportedAndExplained() throws Exception {
        int checked = 0;
        for (String folder : List.of("tflite", "pytorch")) {
            List<Path> models;
            try (Stream<Path> s = Files.list(InspectCommandTest.corpus().resolve(folder))) {
                models = s.filter(p -> Files.exists(p.resolveSibling(p.getFileName() + ".truth.json")))
                        .sorted()
                        .toList();
            }
            for (Path model : models) {
                InspectCommandTest.Run r = InspectCommandTest.run("inspect", model.toString(), "--format", "json");
                assertEquals(0, r.code(), model + ": " + r.err());
                JsonNode j = new ObjectMapper().readTree(r.out());
                assertEquals(folder, j.at("/model/format").asText(), model.toString());
                assertEquals(0, j.at("/ledger/unexplainedBytes").asLong(), model + ": unexplained bytes");
                InspectCommandTest.Run e = InspectCommandTest.run("explain", model.toString());
                assertEquals(0, e.code(), model + ": " + e.err());
                assertTrue(e.out().contains("Where the difference comes from"), e.out());
                checked++;
            }
        }
        assertEquals(20, checked, "TFLite and PyTorch corpus files");
    }
}
