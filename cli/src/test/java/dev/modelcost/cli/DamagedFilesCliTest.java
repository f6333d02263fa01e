package dev.modelcost.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testdata.Damage;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's side of the damaged-file contract (the importers' side, with CPU limits, is testdata's
 * DamagedFilesTest): every corpus model cut at every class of prefix and 20 copies with random bits flipped,
 * run through {@code modelcost inspect} (half of the flipped ones through {@code explain}), is answered with exit 0 and a well-formed report,
 * or exit 3/4 and exactly one line on stderr naming the file; never exit 1, a stack trace, or a raw control
 * character. Cut copies are reported as JSON (which must parse), flipped ones as text.
 */
class DamagedFilesCliTest {
    private static final long SEED = 20261129L;
    private static final int FLIPPED_COPIES = 20;
    private static final long WALL_BACKSTOP_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void everyDamagedCopyGetsAReportOrOneCleanLine() throws Exception {
        Path root = Prerequisites.corpus();
        List<Path> models;
        try (Stream<Path> s = Files.walk(root)) {
            models = s.filter(Files::isRegularFile)
                    .filter(p ->
                            p.toString().matches(".*\\.(onnx|h5|hdf5|keras|zip|bin|safetensors|gguf|tflite|pt|pth)$"))
                    .sorted()
                    .toList();
        }
        assertTrue(models.size() >= 30, "corpus models: " + models.size());
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int runs = 0;
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "damaged-cli");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Path model : models) {
                byte[] bytes = Files.readAllBytes(model);
                String name = model.getFileName().toString();
                Path f = dir.resolve("damaged" + name.substring(name.lastIndexOf('.')));
                for (long cut : Damage.cuts(bytes.length)) {
                    Files.write(f, Arrays.copyOf(bytes, (int) cut));
                    check(pool, f, "inspect", "json", name + " cut at " + cut, failures);
                    runs++;
                }
                for (int i = 0; i < FLIPPED_COPIES; i++) {
                    byte[] copy = bytes.clone();
                    String what = Damage.flip(copy, random);
                    Files.write(f, copy);
                    // Half of the flipped copies go through explain, whose arithmetic differs from inspect's.
                    check(pool, f, i % 2 == 0 ? "inspect" : "explain", "text", name + " " + what, failures);
                    runs++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println(
                runs + " damaged copies of " + models.size() + " corpus models through the CLI, seed " + SEED);
        assertEquals(List.of(), failures, runs + " damaged copies through the CLI, seed " + SEED);
    }

    private static void check(
            ExecutorService pool, Path f, String command, String format, String what, List<String> failures)
            throws Exception {
        Future<InspectCommandTest.Run> future =
                pool.submit(() -> InspectCommandTest.run(command, f.toString(), "--format", format));
        InspectCommandTest.Run r;
        try {
            r = future.get(WALL_BACKSTOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            failures.add(command + " " + what + ": no answer in " + WALL_BACKSTOP_SECONDS + " s");
            return;
        }
        String problem = problem(f, format, r);
        if (problem != null) {
            Path keep = Path.of("target", "damaged-cli-failures", failures.size() + "-" + f.getFileName());
            Files.createDirectories(keep.getParent());
            Files.copy(f, keep, StandardCopyOption.REPLACE_EXISTING);
            failures.add(command + " " + what + ": " + problem + " (kept as " + keep + ")");
        }
    }

    /** Null when the run kept the contract, else what it broke. */
    private static String problem(Path f, String format, InspectCommandTest.Run r) {
        for (String stream : new String[] {r.out(), r.err()}) {
            int at = TerminalSafeWriter.firstUnsafe(stream);
            if (at >= 0) {
                return "raw control character U+" + Integer.toHexString(stream.charAt(at));
            }
        }
        if (r.code() == ExitCodes.OK) {
            if (!r.err().isEmpty()) {
                return "exit 0 with stderr: " + r.err();
            }
            if (format.equals("json")) {
                try {
                    new ObjectMapper().readTree(r.out());
                } catch (Exception e) {
                    return "exit 0 but the JSON does not parse: " + e.getMessage();
                }
            } else if (!r.out().contains("Parameters") && !r.out().contains("parameters x")) {
                return "exit 0 but no report on stdout";
            }
            return null;
        }
        if (r.code() != ExitCodes.UNSUPPORTED && r.code() != ExitCodes.MALFORMED) {
            return "exit " + r.code() + ": " + r.err();
        }
        if (r.err().lines().count() != 1 || !r.err().startsWith("modelcost: ")) {
            return "exit " + r.code() + " but stderr is not one line: " + r.err();
        }
        if (!r.err().contains(f.getFileName().toString())) {
            return "the error does not name the file: " + r.err();
        }
        return r.out().isEmpty() ? null : "exit " + r.code() + " with a report on stdout";
    }
}
