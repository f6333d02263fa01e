package dev.modelcost.importer.tflite;

import dev.modelcost.testsupport.Prerequisites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus's tflite folder (system property modelcost.corpus); tests skip with a message without it. */
final class Corpus {
    private Corpus() {}

    static Path folder() {
        return Prerequisites.corpus("tflite");
    }

    /** Every model with a truth file beside it. */
    static List<Path> models() throws IOException {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> Files.isRegularFile(p.resolveSibling(p.getFileName() + ".truth.json")))
                    .sorted()
                    .toList();
        }
    }
}
