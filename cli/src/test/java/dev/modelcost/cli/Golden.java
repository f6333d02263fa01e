package dev.modelcost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden output files, named after the test that checks them, under src/test/resources/golden.
 * Run with -Dmodelcost.updateGolden=true to rewrite them from the current output (then review the diff).
 */
final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() { }

    static void check(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("modelcost.updateGolden")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(file), "no golden file " + file.toAbsolutePath()
                + "; create it with -Dmodelcost.updateGolden=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "output differs from golden file " + file
                + " (if the change is intended, rerun with -Dmodelcost.updateGolden=true and review the diff)");
    }
}
