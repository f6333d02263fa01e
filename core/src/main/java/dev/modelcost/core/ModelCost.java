package dev.modelcost.core;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelImporter;
import dev.modelcost.core.spi.UnsupportedModelException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The library entry point: {@code ModelCost.standard().inspect(path)} reads a model file in any format
 * whose importer is on the class path (chosen by content, not by extension) and returns its report.
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
        ServiceLoader.load(ModelImporter.class, ModelCost.class.getClassLoader()).forEach(found::add);
        return new ModelCost(found, OpRegistry.standard(), ImportOptions.DEFAULTS);
    }

    public Report inspect(Path file) throws IOException { return inspect(file, Assumptions.DEFAULT); }

    public Report inspect(Path file, Assumptions assumptions) throws IOException {
        ImportedModel model = load(file);
        try {
            return new ModelAnalysis(registry).analyze(model, assumptions);
        } catch (ArithmeticException e) {
            // Every total is exact or absent: sizes declared so large that a sum or product passes 2^63
            // cannot be reported, and no real model has them.
            throw new MalformedModelException(file, "", "declared sizes are too large to total in 64 bits ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Reads the file into the IR without analysing it. */
    public ImportedModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedModelException(file, "", Files.exists(file) ? "not a regular file" : "no such file");
        }
        byte[] head = head(file);
        for (ModelImporter importer : importers) {
            if (importer.recognizes(file, head)) {
                try {
                    return importer.read(file, options);
                } catch (ArithmeticException e) {
                    throw new MalformedModelException(file, "", "declared sizes overflow 64-bit arithmetic ("
                            + e.getMessage() + ")", e);
                }
            }
        }
        if (head.length == 0) {
            throw new MalformedModelException(file, "", "the file is empty");
        }
        throw new UnsupportedModelException(file, "", "not a model format modelcost reads (tried "
                + importers.stream().map(ModelImporter::format).toList() + "; formats are told by content)");
    }

    /** Whether some importer on the class path claims this file by its content (folder walks skip the rest). */
    public boolean recognizes(Path file) throws IOException {
        return formatOf(file).isPresent();
    }

    /** The format of the importer that claims this file by its content, if any (known even when reading it fails). */
    public java.util.Optional<String> formatOf(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        byte[] head = head(file);
        for (ModelImporter importer : importers) {
            if (importer.recognizes(file, head)) {
                return java.util.Optional.of(importer.format());
            }
        }
        return java.util.Optional.empty();
    }

    public OpRegistry registry() { return registry; }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }
}
