package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model file of the shared corpus, cut at every class of prefix (header, metadata, data, last bytes)
 * and with random bits flipped: each damaged copy must give a report or a ModelException — never another
 * exception, an error, or a hang of more than 2 seconds. The seed is printed with every failure.
 */
class DamagedFilesTest {
    private static final long SEED = 20261129L;
    private static final int FLIPPED_COPIES = 20;
    /** A hang is more than 2 s of CPU on one input; wall time is only a backstop, since CI machines are shared. */
    private static final Duration LIMIT = Duration.ofSeconds(2);

    private static final Duration WALL_BACKSTOP = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    static List<Path> corpusModels() throws Exception {
        Path root = Prerequisites.corpus();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p ->
                            p.toString().matches(".*\\.(onnx|h5|hdf5|keras|zip|bin|safetensors|gguf|tflite|pt|pth)$"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void damagedCopiesAreAnsweredCleanly() throws Exception {
        List<Path> models = corpusModels();
        assertTrue(models.size() >= 8, "corpus model files discovered: " + models.size());
        List<String> failures = new ArrayList<>();
        Random random = new Random(SEED);
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "damaged-file");
            t.setDaemon(true);
            worker = t;
            return t;
        });
        int checked = 0;
        try {
            for (Path model : models) {
                byte[] bytes = Files.readAllBytes(model);
                String ext = model.getFileName().toString().replaceAll(".*\\.", ".");
                for (long cut : Damage.cuts(bytes.length)) {
                    checked++;
                    check(pool, Arrays.copyOf(bytes, (int) cut), ext, model.getFileName() + " cut at " + cut, failures);
                }
                for (int i = 0; i < FLIPPED_COPIES; i++) {
                    byte[] copy = bytes.clone();
                    String what = Damage.flip(copy, random);
                    checked++;
                    check(pool, copy, ext, model.getFileName() + " " + what, failures);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), failures, checked + " damaged copies, seed " + SEED);
    }

    private volatile Thread worker;

    /**
     * Runs one damaged copy; a copy that takes more than the CPU limit is run once more, warm, since the first
     * use of an importer's libraries (class loading, JIT) is paid on whichever input comes first.
     */
    private void check(ExecutorService pool, byte[] content, String ext, String what, List<String> failures)
            throws Exception {
        Path f = dir.resolve("damaged" + ext);
        Files.write(f, content);
        String first = attempt(pool, f);
        if (first != null && first.startsWith("no answer")) {
            first = attempt(pool, f);
        }
        if (first != null) {
            // Keep the input for whoever reproduces it: target/damaged-failures/N.ext
            Path keep = Path.of("target", "damaged-failures", failures.size() + ext);
            Files.createDirectories(keep.getParent());
            Files.copy(f, keep, StandardCopyOption.REPLACE_EXISTING);
            failures.add(what + ": " + first + " (kept as " + keep + ")");
        }
    }

    /** Null when the copy got a report or a ModelException in time, else what went wrong. */
    private String attempt(ExecutorService pool, Path f) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = worker == null ? 0 : threads.getThreadCpuTime(worker.getId());
        Future<?> run = pool.submit(() -> {
            try {
                ModelCost.standard().inspect(f);
            } catch (ModelException expected) {
                // a clean, typed refusal
            } catch (Exception | Error e) {
                throw new IllegalStateException(e.getClass().getName() + ": " + e.getMessage(), e);
            }
            return null;
        });
        long start = System.nanoTime();
        while (true) {
            try {
                run.get(100, TimeUnit.MILLISECONDS);
                return null;
            } catch (TimeoutException e) {
                long cpuNanos = worker == null ? 0 : threads.getThreadCpuTime(worker.getId()) - cpuBefore;
                if (cpuNanos > LIMIT.toNanos() || System.nanoTime() - start > WALL_BACKSTOP.toNanos()) {
                    run.cancel(true);
                    return "no answer after " + cpuNanos / 1_000_000 + " ms of CPU";
                }
            } catch (ExecutionException e) {
                return e.getCause().getMessage();
            }
        }
    }
}
