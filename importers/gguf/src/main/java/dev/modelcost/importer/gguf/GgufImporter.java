package dev.modelcost.importer.gguf;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.PayloadReader;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.ModelImporter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GGUF files (llama.cpp), metadata only: the key/values, the tensor infos and the layout, never the payloads. A
 * split model is read as one from its first part; a later part given alone is reported alone, with a note.
 */
public final class GgufImporter implements ModelImporter {
    private static final int MAX_METADATA_ENTRIES = 256;

    @Override
    public String format() {
        return "gguf";
    }

    @Override
    public boolean recognizes(String fileName, byte[] head) {
        return head.length >= 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F';
    }

    @Override
    public ImportedModel read(ModelSource source, ImportOptions options) throws IOException {
        GgufFile g = GgufReader.read(source, options);
        List<Tensor> tensors = new ArrayList<>();
        List<FileSection> sections = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, Long> externalBytes = new LinkedHashMap<>();
        Map<String, ModelSource> parts = new LinkedHashMap<>();
        GgufParts.addTensors(tensors, "", g);
        GgufParts.addSections(sections, "", g, source.sizeBytes());
        Optional<int[]> part = SplitModel.partOf(source.fileName());
        if (part.isPresent() && part.get()[0] == 1 && part.get()[1] > 1) {
            // the parts' sources stay open with the first part's source, which closes them
            SplitModel split = SplitModel.readRest(source, g, options);
            for (Map.Entry<String, GgufFile> e : split.parts.entrySet()) {
                ModelSource s = split.sources.get(e.getKey());
                GgufParts.addTensors(tensors, e.getKey(), e.getValue());
                GgufParts.addSections(sections, e.getKey(), e.getValue(), s.sizeBytes());
                externalBytes.put(e.getKey(), s.sizeBytes());
                parts.put(e.getKey(), s);
            }
            diagnostics.addAll(split.diagnostics);
        } else if (part.isPresent() && part.get()[0] > 1) {
            diagnostics.add(Diagnostic.info("part " + part.get()[0] + " of a model split in " + part.get()[1]
                    + ": this part alone is reported; inspect part 1 for the whole model"));
        }
        if (g.tensors().isEmpty() && part.isEmpty()) {
            diagnostics.add(Diagnostic.info("the file holds no tensors (a vocabulary-only GGUF file)"));
        }
        if (!g.tensors().isEmpty()) {
            diagnostics.add(Diagnostic.info("a GGUF file stores tensors and hyperparameters, no graph: MACs and "
                    + "activations are not known"));
        }
        Graph graph = Graph.ofStoredTensors(source.fileName(), tensors);
        return new ImportedModel(
                format(),
                source.location(),
                source.sizeBytes(),
                graph,
                sections,
                externalBytes,
                metadata(g),
                diagnostics,
                PayloadReader.of(source, parts),
                GgufArchitecture.of(g.kv(), g.architecture()).orElse(null));
    }

    private static Map<String, String> metadata(GgufFile g) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("gguf.version", Integer.toString(g.version()));
        for (Map.Entry<String, Object> e : g.kv().entrySet()) {
            if (out.size() >= MAX_METADATA_ENTRIES) {
                break;
            }
            out.put(e.getKey(), String.valueOf(e.getValue()));
        }
        return out;
    }
}
