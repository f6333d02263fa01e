package dev.modelcost.importer.gguf;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a test file through the importer (and the analyses), with the source open for as long as they need it. */
final class Imports {
    record Analyzed(ImportedModel model, Report report) {}

    private Imports() {}

    static ImportedModel read(Path file) throws IOException {
        return read(file, ImportOptions.DEFAULTS);
    }

    static ImportedModel read(Path file, ImportOptions options) throws IOException {
        try (FileSource source = FileSource.open(file)) {
            return new GgufImporter().read(source, options);
        }
    }

    static Analyzed analyze(Path file) throws IOException {
        try (FileSource source = FileSource.open(file)) {
            ImportedModel m = new GgufImporter().read(source, ImportOptions.DEFAULTS);
            return new Analyzed(m, new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT));
        }
    }
}
