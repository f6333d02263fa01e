package dev.modelcost.importer.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testsupport.Prerequisites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus's safetensors folder (system property modelcost.corpus); tests skip with a message without it. */
final class Corpus {
    private Corpus() {}

    static Path folder() {
        return Prerequisites.corpus("safetensors");
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .sorted()
                    .toList();
        }
    }

    static JsonNode truth(Path file) throws IOException {
        return new ObjectMapper()
                .readTree(
                        file.resolveSibling(file.getFileName() + ".truth.json").toFile());
    }
}
