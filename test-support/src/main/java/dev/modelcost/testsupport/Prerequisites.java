package dev.modelcost.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place that decides what a test does when something outside the repository is missing: the real-model
 * corpus, Debian's libonnx-testdata, a headless browser. On a developer's machine the test is skipped with a
 * message; where the inputs are required ({@code CI=true} in the environment, or
 * {@code -Dmodelcost.requireCorpus=true}) it fails with a message naming what is missing, so a CI run cannot go
 * green on a fraction of the suite. Every module takes it from the test-support module (test scope).
 */
public final class Prerequisites {
    /** System property that makes every prerequisite required (the CI environment variable does the same). */
    public static final String REQUIRE_PROPERTY = "modelcost.requireCorpus";
    /** System property naming the corpus folder (the parent POM sets it to {@code ../shared/corpus}). */
    public static final String CORPUS_PROPERTY = "modelcost.corpus";

    private Prerequisites() {}

    /** True under CI ({@code CI=true}) or with {@code -Dmodelcost.requireCorpus=true}. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns when {@code present}; otherwise skips the test (or fails it, where inputs are required) with
     * "{@code missing}" named, e.g. {@code "shared corpus at /x/shared/corpus"}, and {@code hint} on how to get it.
     */
    public static void need(boolean present, String missing, String hint) {
        if (present) {
            return;
        }
        if (required()) {
            String why = Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"))
                    ? "-D" + REQUIRE_PROPERTY + "=true"
                    : "CI=true";
            throw new AssertionError("required test input missing: " + missing + " (" + hint
                    + "); a failure, not a skip, because of " + why);
        }
        Assumptions.abort("test input missing: " + missing + " (" + hint + "); skipped — CI=true or -D"
                + REQUIRE_PROPERTY + "=true makes this a failure");
    }

    /** The corpus folder, after {@link #need}: skipped or failed when it is absent. */
    public static Path corpus() {
        Path root = corpusLocation();
        need(
                Files.isDirectory(root),
                "shared corpus at " + root.toAbsolutePath().normalize(),
                "set -D" + CORPUS_PROPERTY + "=DIR");
        return root;
    }

    /** A file or folder inside the corpus, after {@link #need} on both the corpus and the entry. */
    public static Path corpus(String relative) {
        Path p = corpus().resolve(relative);
        need(Files.exists(p), "corpus entry " + p.toAbsolutePath().normalize(), "the corpus is incomplete");
        return p;
    }

    /** Debian's libonnx-testdata folder, after {@link #need}. */
    public static Path libonnxTestdata(Path data) {
        need(Files.isDirectory(data), "libonnx-testdata at " + data, "apt-get install libonnx-testdata");
        return data;
    }

    /** The first of the given browser executables that exists, after {@link #need}. */
    public static Path browser(List<String> candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        need(false, "headless Chromium (looked for " + String.join(", ", candidates) + ")", "apt-get install chromium");
        throw new AssertionError("unreachable");
    }

    /** The property's folder, or {@code ../shared/corpus} beside the project root found above the working folder. */
    private static Path corpusLocation() {
        String p = System.getProperty(CORPUS_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("") : dir).resolve("../shared/corpus");
    }
}
