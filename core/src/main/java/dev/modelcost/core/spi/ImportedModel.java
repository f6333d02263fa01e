package dev.modelcost.core.spi;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.Diagnostic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an importer found: the graph, every byte region of the container that is not a tensor payload,
 * the sizes of external files the model uses, and what it noticed on the way.
 * {@code externalFilePaths} holds, for each external location, the real path the importer checked to lie
 * inside the model's folder: analyses that read payloads open exactly these, never a location resolved anew
 * (which a link swapped in after the import could lead out of the folder).
 */
public record ImportedModel(String format,
                            Path path,
                            long fileBytes,
                            Graph graph,
                            List<FileSection> sections,
                            Map<String, Long> externalFileBytes,
                            Map<String, Path> externalFilePaths,
                            Map<String, String> metadata,
                            List<Diagnostic> diagnostics) {
    public ImportedModel {
        sections = List.copyOf(sections);
        externalFileBytes = Map.copyOf(externalFileBytes);
        externalFilePaths = Map.copyOf(externalFilePaths);
        metadata = Map.copyOf(metadata);
        diagnostics = List.copyOf(diagnostics);
    }

    /** A model whose payloads all sit in its own file. */
    public ImportedModel(String format, Path path, long fileBytes, Graph graph, List<FileSection> sections,
                         Map<String, String> metadata, List<Diagnostic> diagnostics) {
        this(format, path, fileBytes, graph, sections, Map.of(), Map.of(), metadata, diagnostics);
    }
}
