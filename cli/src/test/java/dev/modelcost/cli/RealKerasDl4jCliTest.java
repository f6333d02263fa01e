package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code modelcost inspect} on every published Keras and DL4J file of the corpus ({@code keras/real/},
 * {@code dl4j/real/}): a JSON report with the truth's parameter total and no unexplained byte, or, where the truth
 * expects an exit code (a zip that is no model), that code and one line on stderr naming the file. Never exit 1.
 */
class RealKerasDl4jCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> files() throws IOException {
        Path root = Prerequisites.corpus();
        Prerequisites.corpus("keras/real");
        try (Stream<Path> s =
                Stream.concat(Files.list(root.resolve("keras/real")), Files.list(root.resolve("dl4j/real")))) {
            return s.filter(p -> p.toString().matches(".*\\.(h5|keras|zip)$"))
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRealFileGetsItsTruthOrItsExitCode() throws IOException {
        return files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path f) throws IOException {
        JsonNode truth = JSON.readTree(Files.readString(Path.of(f + ".truth.json")));
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", f.toString(), "--format", "json");
        JsonNode exit = truth.path("expected").path("expected_exit_code").path("value");
        if (!exit.isMissingNode()) {
            assertEquals(exit.asInt(), r.code(), r.err());
            assertEquals(1, r.err().lines().count(), "one line on stderr: " + r.err());
            assertTrue(r.err().contains(f.getFileName().toString()), "names the file: " + r.err());
            return;
        }
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode report = JSON.readTree(r.out());
        long total = truth.has("params_total")
                ? truth.path("params_total").asLong()
                : truth.path("coefficients").path("length").asLong();
        assertEquals(total, report.path("parameters").path("total").asLong(), "parameters.total");
        assertEquals(0, report.path("ledger").path("unexplainedBytes").asLong(), "ledger.unexplainedBytes");
    }
}
