package dev.modelcost.testdata.fuzz;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.spi.ModelException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tool, not a check: replays saved findings ({@code -Dmodelcost.fuzz.replay=DIR}, files {@code <importer>-*.bin})
 * three times each and prints what each answered and how long it took, to tell a hang from a slow first load.
 */
class ReplayFindingsTest {
    @Test
    void replay() throws Exception {
        String dir = System.getProperty("modelcost.fuzz.replay");
        assumeTrue(dir != null, "set -Dmodelcost.fuzz.replay=DIR to replay saved findings");
        List<Path> inputs;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            inputs = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        for (Path in : inputs) {
            String importer = in.getFileName().toString().replaceAll("-.*", "");
            String ext =
                    switch (importer) {
                        case "keras" -> ".h5";
                        case "dl4j" -> ".zip";
                        default -> ".onnx";
                    };
            Path f = Files.createTempDirectory("replay").resolve("replay" + ext);
            Files.copy(in, f);
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                String answer;
                try {
                    ModelCost.standard().inspect(f);
                    answer = "report";
                } catch (ModelException e) {
                    answer = e.getClass().getSimpleName() + ": " + e.getMessage();
                } catch (Throwable t) {
                    answer = "FINDING " + t;
                }
                System.out.printf(
                        "%s run %d: %d ms: %s%n", in.getFileName(), i, (System.nanoTime() - t0) / 1_000_000, answer);
            }
        }
    }
}
