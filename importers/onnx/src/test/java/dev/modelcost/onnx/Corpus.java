package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared real-model corpus (system property modelcost.corpus); tests skip with a message without it. */
final class Corpus {
    private Corpus() { }

    static Path root() {
        String p = System.getProperty("modelcost.corpus", "../../../shared/corpus");
        Path root = Path.of(p);
        Assumptions.assumeTrue(Files.isDirectory(root),
                "shared corpus not found at " + root.toAbsolutePath() + " (set -Dmodelcost.corpus); skipping corpus tests");
        return root;
    }

    static JsonNode truth(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
