package dev.modelcost.core;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelImporter;
import dev.modelcost.core.spi.UnsupportedModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The library entry point: {@code ModelCost.standard().inspect(path)} reads a model file in any format
 * whose importer is on the class path (chosen by content, not by extension) and returns its report.
 * A path is opened as a {@link FileSource}; any other {@link ModelSource} (an HTTP range reader) can be
 * inspected as it is.
 */
public final class ModelCost {
    private static final int HEAD_BYTES = 64;

    private final List<ModelImporter> importers;
    private final OpRegistry registry;
    private final ImportOptions options;

    public ModelCost(List<ModelImporter> importers, OpRegistry registry, ImportOptions options) {
        this.importers = List.copyOf(importers);
        this.registry = registry;
        this.options = options;
    }

    /** Every importer and op rule found with ServiceLoader, default limits. */
    public static ModelCost standard() {
        List<ModelImporter> found = new ArrayList<>();
        ServiceLoader.load(ModelImporter.class, ModelCost.class.getClassLoader())
                .forEach(found::add);
        return new ModelCost(found, OpRegistry.standard(), ImportOptions.DEFAULTS);
    }

    public Report inspect(Path file) throws IOException {
        return inspect(file, Assumptions.DEFAULT);
    }

    /** Opens the file, reads and analyses it, and closes it (and every external file the import opened). */
    public Report inspect(Path file, Assumptions assumptions) throws IOException {
        try (FileSource source = FileSource.open(file)) {
            return inspect(source, assumptions);
        }
    }

    /** Reads and analyses a source the caller opened and closes; payloads are read through it during the analysis. */
    public Report inspect(ModelSource source, Assumptions assumptions) throws IOException {
        ImportedModel model = load(source);
        try {
            return new ModelAnalysis(registry).analyze(model, assumptions);
        } catch (ArithmeticException e) {
            // Every total is exact or absent: sizes declared so large that a sum or product passes 2^63
            // cannot be reported, and no real model has them.
            throw new MalformedModelException(
                    source.location(),
                    "",
                    "declared sizes are too large to total in 64 bits (" + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * Reads the file into the IR without analysing it. The file is closed on return, so the model's payloads are
     * no longer readable: analyse through {@link #inspect}, or {@link #load(ModelSource)} a source kept open.
     */
    public ImportedModel load(Path file) throws IOException {
        try (FileSource source = FileSource.open(file)) {
            return load(source);
        }
    }

    /** Reads the source into the IR without analysing it; the source stays open, owned by the caller. */
    public ImportedModel load(ModelSource source) throws IOException {
        byte[] head = head(source);
        for (ModelImporter importer : importers) {
            if (importer.recognizes(source.fileName(), head)) {
                try {
                    return importer.read(source, options);
                } catch (ArithmeticException e) {
                    throw new MalformedModelException(
                            source.location(),
                            "",
                            "declared sizes overflow 64-bit arithmetic (" + e.getMessage() + ")",
                            e);
                }
            }
        }
        if (head.length == 0) {
            throw new MalformedModelException(source.location(), "", "the file is empty");
        }
        throw new UnsupportedModelException(
                source.location(),
                "",
                "not a model format modelcost reads (tried "
                        + importers.stream().map(ModelImporter::format).toList() + "; formats are told by content)");
    }

    /** Whether some importer on the class path claims this file by its content (folder walks skip the rest). */
    public boolean recognizes(Path file) throws IOException {
        return formatOf(file).isPresent();
    }

    /** The format of the importer that claims this file by its content, if any (known even when reading it fails). */
    public Optional<String> formatOf(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileSource source = FileSource.open(file)) {
            return formatOf(source.fileName(), head(source));
        }
    }

    private Optional<String> formatOf(String fileName, byte[] head) {
        for (ModelImporter importer : importers) {
            if (importer.recognizes(fileName, head)) {
                return Optional.of(importer.format());
            }
        }
        return Optional.empty();
    }

    public OpRegistry registry() {
        return registry;
    }

    private static byte[] head(ModelSource source) throws IOException {
        return source.readBytes(0, (int) Math.min(HEAD_BYTES, source.sizeBytes()));
    }
}
