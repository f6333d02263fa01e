package dev.modelcost.testdata.fuzz;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.spi.ModelException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one fuzzed input through everything a user's command runs (format detection, import, every
 * analysis) from a file in a scratch folder of its own. A {@link ModelException} is the clean answer to a
 * bad file; any other exception or error escapes to the caller, which reports it as a finding.
 * The folder holds nothing else, so external-data references in fuzzed files find no file to read.
 */
final class FuzzHarness {
    private final ModelCost modelCost = ModelCost.standard();
    private final Path file;

    FuzzHarness(String fileName) {
        try {
            Path dir = Files.createTempDirectory("modelcost-fuzz-");
            dir.toFile().deleteOnExit();
            this.file = dir.resolve(fileName);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inspects {@code content}; returns true for a report, false for a typed refusal. */
    boolean inspect(byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzz input", e);
        }
        try {
            modelCost.inspect(file);
            return true;
        } catch (ModelException refused) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }
}
