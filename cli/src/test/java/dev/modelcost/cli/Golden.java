package dev.modelcost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files under src/test/resources/golden/TEST_CLASS/, named after the test and its case. A run with
 * -Dmodelcost.golden.update=true rewrites them instead of comparing (then review the diff and commit it).
 */
final class Golden {
    static final boolean UPDATE = Boolean.getBoolean("modelcost.golden.update");

    private Golden() { }

    static void check(Class<?> test, String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden", test.getSimpleName(), name);
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(file), "golden file " + file + " missing; run with -Dmodelcost.golden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                "output differs from " + file + " (if the change is intended, rerun with -Dmodelcost.golden.update=true and commit)");
    }
}
