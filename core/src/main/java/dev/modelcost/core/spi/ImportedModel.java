package dev.modelcost.core.spi;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.Diagnostic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an importer found: the graph, every byte region of the container that is not a tensor payload,
 * the sizes of external files the model uses, and what it noticed on the way.
 */
public record ImportedModel(String format,
                            Path path,
                            long fileBytes,
                            Graph graph,
                            List<FileSection> sections,
                            Map<String, Long> externalFileBytes,
                            Map<String, String> metadata,
                            List<Diagnostic> diagnostics) {
    public ImportedModel {
        sections = List.copyOf(sections);
        externalFileBytes = Map.copyOf(externalFileBytes);
        metadata = Map.copyOf(metadata);
        diagnostics = List.copyOf(diagnostics);
    }
}
