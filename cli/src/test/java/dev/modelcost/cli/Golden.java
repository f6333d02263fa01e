package dev.modelcost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden output files under src/test/resources/golden, named after the test that checks them (optionally in
 * a folder per test class). A run with -Dmodelcost.golden.update=true rewrites them instead of comparing
 * (then review the diff and commit it); -Dmodelcost.updateGolden=true is accepted too.
 */
final class Golden {
    static final boolean UPDATE =
            Boolean.getBoolean("modelcost.golden.update") || Boolean.getBoolean("modelcost.updateGolden");
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {}

    static void check(String name, String actual) throws IOException {
        compare(DIR.resolve(name), actual);
    }

    static void check(Class<?> test, String name, String actual) throws IOException {
        compare(DIR.resolve(test.getSimpleName()).resolve(name), actual);
    }

    private static void compare(Path file, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(
                Files.isRegularFile(file), "golden file " + file + " missing; run with -Dmodelcost.golden.update=true");
        assertEquals(
                Files.readString(file, StandardCharsets.UTF_8),
                actual,
                "output differs from " + file
                        + " (if the change is intended, rerun with -Dmodelcost.golden.update=true and review the diff)");
    }
}
