package dev.modelcost.core.spi;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.PayloadReader;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.report.Diagnostic;

import java.util.List;
import java.util.Map;

/**
 * What an importer found: the graph, every byte region of the container that is not a tensor payload,
 * the sizes of external files the model uses, and what it noticed on the way. {@code location} is the
 * source's location (a path as given, or a URL). Analyses that read payloads (the duplicate-tensor check) read
 * them only through {@code payloads}: the source the importer read and the siblings it opened, never a path
 * resolved anew. {@code architecture} is the transformer shape the model's files declare (layers, heads, KV heads,
 * ...), or null.
 */
public record ImportedModel(
        String format,
        String location,
        long fileBytes,
        Graph graph,
        List<FileSection> sections,
        Map<String, Long> externalFileBytes,
        Map<String, String> metadata,
        List<Diagnostic> diagnostics,
        PayloadReader payloads,
        TransformerShape architecture) {
    public ImportedModel {
        sections = List.copyOf(sections);
        externalFileBytes = Map.copyOf(externalFileBytes);
        metadata = Map.copyOf(metadata);
        diagnostics = List.copyOf(diagnostics);
        payloads = payloads == null ? PayloadReader.NONE : payloads;
    }

    /** A model that declares no transformer shape. */
    public ImportedModel(
            String format,
            String location,
            long fileBytes,
            Graph graph,
            List<FileSection> sections,
            Map<String, Long> externalFileBytes,
            Map<String, String> metadata,
            List<Diagnostic> diagnostics,
            PayloadReader payloads) {
        this(format, location, fileBytes, graph, sections, externalFileBytes, metadata, diagnostics, payloads, null);
    }

    /** A model whose payloads all sit in the source it was read from. */
    public ImportedModel(
            String format,
            ModelSource source,
            Graph graph,
            List<FileSection> sections,
            Map<String, String> metadata,
            List<Diagnostic> diagnostics) {
        this(
                format,
                source.location(),
                source.sizeBytes(),
                graph,
                sections,
                Map.of(),
                metadata,
                diagnostics,
                PayloadReader.of(source),
                null);
    }

    /** A model with no readable payloads (built in memory, as tests do). */
    public ImportedModel(
            String format,
            String location,
            long fileBytes,
            Graph graph,
            List<FileSection> sections,
            Map<String, String> metadata,
            List<Diagnostic> diagnostics) {
        this(format, location, fileBytes, graph, sections, Map.of(), metadata, diagnostics, PayloadReader.NONE, null);
    }
}
