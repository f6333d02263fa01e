package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testsupport.Prerequisites;

import java.io.IOException;
import java.nio.file.Path;

/** The shared real-model corpus (system property modelcost.corpus): skipped without it, failed under CI. */
final class Corpus {
    private Corpus() {}

    static Path root() {
        return Prerequisites.corpus();
    }

    static JsonNode truth(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
