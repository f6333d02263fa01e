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
    private JazzerSeeds() { }

    static void write(Class<?> test, String method, Supplier<List<byte[]>> seeds) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
