package dev.modelcost.testdata.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts corpus-derived seeds where Jazzer keeps a fuzz test's generated corpus
 * ({@code .cifuzz-corpus/<class>/<method>/} under the module folder, ignored by git), only when fuzzing:
 * regression runs do not need them and the corpus files themselves never enter the repository.
 */
final class JazzerSeeds {
    private JazzerSeeds() {}

    /**
     * Writes the seeds when fuzzing and runs each once through {@code harness}, whatever it answers: that
     * loads every class the target reaches before Jazzer instruments them, so that the first fuzzed input is
     * not charged with loading and instrumenting the whole analysis (several seconds on a busy machine).
     */
    static void prepare(Class<?> test, String method, Supplier<List<byte[]>> seeds, FuzzHarness harness) {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz == null || fuzz.isEmpty()) {
            return;
        }
        Path dir = Path.of(System.getProperty("user.dir"), ".cifuzz-corpus", test.getName(), method);
        try {
            Files.createDirectories(dir);
            List<byte[]> all = seeds.get();
            for (int i = 0; i < all.size(); i++) {
                Files.write(dir.resolve(String.format("corpus-seed-%04d", i)), all.get(i));
            }
            for (byte[] seed : all) {
                try {
                    harness.inspect(seed);
                } catch (RuntimeException | Error e) {
                    // a finding: the fuzzer meets this seed again and reports it with its input
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
