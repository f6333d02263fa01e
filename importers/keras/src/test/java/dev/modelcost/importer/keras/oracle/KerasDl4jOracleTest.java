package dev.modelcost.importer.keras.oracle;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.importer.keras.KerasImporter;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The second, independent oracle for the Keras importer: DL4J's own Keras import ({@code dl4j-modelimport},
 * test scope only), run on every Keras file of the corpus in a forked JVM per file, because its native code
 * crashes the process on some files. Where DL4J imports a file, its {@code numParams()} and its per-layer counts
 * must equal ours (DL4J, like our {@code total}, counts BatchNorm statistics as parameters). Every file where
 * DL4J refuses, crashes or disagrees is listed below with DL4J's own figures and the cause; the file's datasets
 * (checked against h5py in KerasCorpusTest) are the truth, so a disagreement is DL4J's. A file not listed must
 * agree.
 * About 100 s: tagged "oracle", run with -Poracles (.ci/run always).
 */
@Tag("oracle")
class KerasDl4jOracleTest {
    private static final long FORK_TIMEOUT_SECONDS = 180;
    /** A run expected to crash may instead spin in native code; it is stopped after this long. */
    private static final long CRASH_TIMEOUT_SECONDS = 20;
    /** The exit status recorded for a fork that was stopped because it did not finish. */
    private static final int HUNG = -1;

    private static final String WEIGHTS_ONLY = "Model configuration attribute missing";
    private static final String WEIGHTS_ONLY_CAUSE =
            "weights-only file: no model_config, and DL4J needs the architecture to import (we count the datasets)";
    private static final String NOT_HDF5 = "H5Fopen failed";
    private static final String KERAS3_CAUSE = "Keras 3 .keras archive is a zip, which DL4J's HDF5 reader cannot open";
    private static final String LSTM_CRASH_CAUSE = "DL4J 1.0.0-M2.1 dies with SIGSEGV in libnd4jcpu.so"
            + " (sd::NDArray::getOffset) or spins there, while initialising the LSTM's recurrent weights with its"
            + " OrthogonalDistribution, before any weight is read from the file";

    /** What DL4J does on each corpus file that it does not simply agree with, keyed by file name. */
    private static final Map<String, Expected> NOT_AGREEING = Map.ofEntries(
            Map.entry(
                    "src__main__resources__keras__simple__cnn_tf_weights.h5",
                    new Refuses(WEIGHTS_ONLY, WEIGHTS_ONLY_CAUSE)),
            Map.entry(
                    "src__main__resources__modelimport__keras__examples__simple_lstm__simple_lstm_th_keras_1_weights.h5",
                    new Refuses(WEIGHTS_ONLY, WEIGHTS_ONLY_CAUSE)),
            Map.entry(
                    "src__main__resources__modelimport__keras__fullconfigs__lstm__lstm_th_keras_2_weights.h5",
                    new Refuses(WEIGHTS_ONLY, WEIGHTS_ONLY_CAUSE)),
            Map.entry(
                    "examples__src__main__resources__models__batchnorm__weights.h5",
                    new Refuses(WEIGHTS_ONLY, WEIGHTS_ONLY_CAUSE)),
            Map.entry(
                    "examples__src__main__resources__models__lstm__weights.h5",
                    new Refuses(WEIGHTS_ONLY, WEIGHTS_ONLY_CAUSE)),
            Map.entry(
                    "examples__src__main__resources__models__toyresnet__weights.h5",
                    new Refuses(WEIGHTS_ONLY, WEIGHTS_ONLY_CAUSE)),
            Map.entry(
                    "src__main__resources__modelimport__keras__weights__space_to_depth_simple_tensorflow_1.h5",
                    new Refuses(
                            "No SameDiff Lambda layer found",
                            "a Lambda layer (space_to_depth) that DL4J only imports when a SameDiff lambda is registered;"
                                    + " the model has no weights, and we report the Lambda as present, never run")),
            Map.entry(
                    "src__main__resources__modelimport__keras__examples__simple_lstm__simple_lstm_tf_keras_2_model.h5",
                    new Crashes(LSTM_CRASH_CAUSE)),
            Map.entry(
                    "src__main__resources__modelimport__keras__examples__simple_lstm__simple_lstm_th_keras_1_model.h5",
                    new Crashes(LSTM_CRASH_CAUSE)),
            // Dense(490) -> Reshape((7, 7, 10)) -> BatchNormalization -> Conv2D(5, 3x3): the file holds 10-channel
            // BatchNorm (4 x 10) and a 3x3x10x5 kernel; DL4J takes the channel count from the wrong axis of the
            // Reshape target (7) and builds 4 x 7 = 28 and 3x3x7x5 + 5 = 320: 147 fewer than the file's 49,985.
            Map.entry(
                    "src__main__resources__modelimport__keras__weights__batch_to_conv2d_tensorflow_1.h5",
                    new Disagrees(
                            49_838,
                            Map.of("batchnormalization_1", 28L, "convolution2d_1", 320L),
                            "DL4J reads the channels of Reshape((7, 7, 10)) as 7, not 10")),
            Map.entry(
                    "src__main__resources__modelimport__keras__weights__batch_to_conv2d_theano_2.h5",
                    new Disagrees(
                            49_838,
                            Map.of("batch_normalization_1", 28L, "conv2d_1", 320L),
                            "DL4J reads the channels of Reshape((7, 7, 10)) as 7, not 10")),
            Map.entry(
                    "MohandHAMADOUCHE__Student_project_ResNet_vs_LSTM__Models__100_epochs__resnet_model.keras",
                    new Refuses(NOT_HDF5, KERAS3_CAUSE)),
            Map.entry(
                    "MohandHAMADOUCHE__Student_project_ResNet_vs_LSTM__lstm_model.keras",
                    new Refuses(NOT_HDF5, KERAS3_CAUSE)),
            Map.entry("Moonflower2022__MNIST-models__mnist_model.keras", new Refuses(NOT_HDF5, KERAS3_CAUSE)),
            Map.entry(
                    "57cell__nlf-classifier__model.keras",
                    new Refuses(
                            NOT_HDF5, "a tf-keras 2.15 .keras archive is a zip, which DL4J's HDF5 reader cannot open")),
            // Teachable Machine export: Sequential > Sequential > Functional MobileNetV2. DL4J's import takes the
            // outer model as Sequential and has no layer class for the nested Sequential; its weights are
            // checked against h5py's counts in KerasRealCorpusTest.
            Map.entry(
                    "syndicai__models__keras__teachable_machine__data__keras_model.h5",
                    new Refuses(
                            "Unsupported keras layer type Sequential",
                            "DL4J 1.0.0-M2.1 does not import a Sequential nested inside a Sequential")));

    sealed interface Expected {}

    /** DL4J imports the file but counts {@code dl4jTotal}; {@code dl4jLayers} are its counts for the layers that differ. */
    record Disagrees(long dl4jTotal, Map<String, Long> dl4jLayers, String cause) implements Expected {}

    /** DL4J throws, with {@code messagePart} in its message. */
    record Refuses(String messagePart, String cause) implements Expected {}

    /**
     * DL4J's JVM dies or hangs importing the model; its configuration alone (no network instantiated) still
     * imports and must agree with us layer by layer.
     */
    record Crashes(String cause) implements Expected {}

    /** What one forked DL4J run said: its exit status, stdout lines, and where its stderr went. */
    record Dl4jRun(int exitStatus, List<String> lines, Path stderr) {
        /**
         * DL4J printed its whole result (the OK line, every layer, then END). Its native code has been seen to crash
         * the JVM after that, while exiting (exit 1 with a SIGSEGV report in a static destructor): the figures printed
         * before are complete, so they count whatever the exit status.
         */
        boolean imported() {
            return !lines.isEmpty() && lines.get(0).startsWith("OK ") && lines.contains(Dl4jKerasImport.END);
        }

        long total() {
            return Long.parseLong(lines.get(0).split(" ")[1]);
        }

        Map<String, Long> layers() {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String l : lines) {
                if (l.startsWith("LAYER ")) {
                    String[] p = l.split(" ");
                    m.put(p[1], Long.parseLong(p[2]));
                }
            }
            return m;
        }

        String describe() {
            return "exit " + exitStatus + ": " + String.join(" / ", lines) + " (stderr: " + stderr + ")";
        }
    }

    private static ExecutorService forks;

    @AfterAll
    static void stopForks() {
        if (forks != null) {
            forks.shutdownNow();
        }
    }

    @TestFactory
    List<DynamicTest> dl4jAgreesWithUsOrTheDisagreementIsExplained() throws IOException {
        Path corpus = corpus();
        assumeTrue(
                System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                        && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")),
                "DL4J's native CPU backend is on the test classpath for linux-x86_64 only; oracle skipped");
        List<Path> files = new ArrayList<>();
        files.addAll(files(corpus.resolve("keras"), ".h5"));
        files.addAll(files(corpus.resolve("keras3"), ".keras"));
        files.addAll(files(corpus.resolve("keras").resolve("real"), ".keras"));
        assertTrue(files.size() >= 24, "Keras files in the corpus: " + files.size());

        Path work = Path.of("target", "dl4j-oracle");
        Files.createDirectories(work);
        // Two forks at a time: each loads ND4J's native library (a few seconds, a few hundred MB).
        forks = Executors.newFixedThreadPool(2);
        Map<Path, Future<Dl4jRun>> fullRuns = new LinkedHashMap<>();
        Map<Path, Future<Dl4jRun>> configRuns = new LinkedHashMap<>();
        for (Path f : files) {
            boolean crashes = NOT_AGREEING.get(f.getFileName().toString()) instanceof Crashes;
            fullRuns.put(
                    f,
                    forks.submit(() ->
                            crashes ? fork(f, "full", CRASH_TIMEOUT_SECONDS, work) : forkRetryingACrash(f, work)));
            if (crashes) {
                configRuns.put(f, forks.submit(() -> fork(f, "config", FORK_TIMEOUT_SECONDS, work)));
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(
                    name,
                    () -> check(
                            name,
                            f,
                            fullRuns.get(f).get(),
                            configRuns.containsKey(f) ? configRuns.get(f).get() : null)));
        }
        return tests;
    }

    private static void check(String name, Path file, Dl4jRun run, Dl4jRun configOnly) throws IOException {
        Expected expected = NOT_AGREEING.get(name);
        if (expected instanceof Refuses r) {
            assertEquals(10, run.exitStatus(), "DL4J should refuse (" + r.cause() + "): " + run.describe());
            assertTrue(
                    run.lines().get(0).contains(r.messagePart()), "DL4J refuses for another reason: " + run.describe());
            return;
        }
        if (expected instanceof Crashes c && !run.imported()) {
            // A JVM that dies on a signal exits 128 + the signal (134: abort after SIGSEGV's error report). Native
            // memory errors are not deterministic: a run that gets through instead is checked like any other.
            assertTrue(
                    run.exitStatus() > 128 || run.exitStatus() == HUNG,
                    "DL4J was expected to crash (" + c.cause() + ") but: " + run.describe());
            run = configOnly;
        }
        assertTrue(run.imported(), "DL4J did not import it: " + run.describe());
        Report ours = analyze(file);
        Map<String, Long> ourLayers = ours.layers().stream()
                .collect(Collectors.toMap(LayerRow::name, LayerRow::parameters, Long::sum, LinkedHashMap::new));
        Map<String, Long> dl4jLayers = run.layers();
        if (expected instanceof Disagrees d) {
            assertEquals(d.dl4jTotal(), run.total(), "DL4J's total (" + d.cause() + ")");
            Map<String, Long> differing = new LinkedHashMap<>();
            dl4jLayers.forEach((layer, n) -> {
                if (!n.equals(ourLayers.get(layer))) {
                    differing.put(layer, n);
                }
            });
            assertEquals(d.dl4jLayers(), differing, "layers where DL4J differs from the file (" + d.cause() + ")");
            return;
        }
        assertEquals(run.total(), ours.parameters().total(), "DL4J numParams() vs our parameters.total");
        for (Map.Entry<String, Long> l : dl4jLayers.entrySet()) {
            Long mine = ourLayers.get(l.getKey());
            assertNotNull(mine, "DL4J layer " + l.getKey() + " has no row of ours; ours: " + ourLayers.keySet());
            assertEquals(l.getValue(), mine, "parameters of layer " + l.getKey());
        }
    }

    /** DL4J's native memory handling is not deterministic: a crash on a file that normally imports gets one retry. */
    private static Dl4jRun forkRetryingACrash(Path file, Path work) throws IOException, InterruptedException {
        Dl4jRun run = fork(file, "full", FORK_TIMEOUT_SECONDS, work);
        return run.exitStatus() > 128 ? fork(file, "full", FORK_TIMEOUT_SECONDS, work) : run;
    }

    private static Dl4jRun fork(Path file, String mode, long timeoutSeconds, Path work)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String stem = file.getFileName() + "." + mode;
        Path stdout = work.resolve(stem + ".stdout");
        Path stderr = work.resolve(stem + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Xmx512m",
                "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + work.toAbsolutePath().resolve(stem + ".hs_err.log"),
                "-cp",
                classpath,
                Dl4jKerasImport.class.getName(),
                mode,
                file.toString());
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        Process p = pb.start();
        int status;
        if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            status = p.exitValue();
        } else {
            p.destroyForcibly().waitFor();
            status = HUNG;
        }
        return new Dl4jRun(status, Files.readAllLines(stdout, StandardCharsets.UTF_8), stderr);
    }

    private static Report analyze(Path f) throws IOException {
        return new ModelAnalysis(OpRegistry.standard())
                .analyze(
                        new KerasImporter().read(dev.modelcost.core.io.FileSource.open(f), ImportOptions.DEFAULTS),
                        Assumptions.DEFAULT);
    }

    private static Path corpus() {
        Prerequisites.corpus("keras");
        return Prerequisites.corpus();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }
}
