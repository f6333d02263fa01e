package dev.modelcost.importer.safetensors;

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
import java.util.Locale;
import java.util.Map;

/**
 * safetensors checkpoints, metadata only: a single {@code .safetensors} file, or a sharded checkpoint through its
 * {@code *.safetensors.index.json}. A safetensors file has no graph: the model is its tensors, with roles from their
 * names, and a Hugging Face {@code config.json} beside it adds the transformer's shape and how weights are quantized.
 */
public final class SafetensorsImporter implements ModelImporter {
    /** Header lengths past this in the first 8 bytes are not a safetensors file (real headers are kilobytes). */
    private static final long MAX_RECOGNIZED_HEADER_BYTES = 1L << 40;

    @Override
    public String format() {
        return "safetensors";
    }

    /** An 8-byte little-endian length then '{', or an index named {@code *.safetensors.index.json}. */
    @Override
    public boolean recognizes(String fileName, byte[] head) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(ShardIndex.SUFFIX)) {
            return true;
        }
        if (head.length < 10 || head[8] != '{') {
            return false;
        }
        long length = 0;
        for (int i = 7; i >= 0; i--) {
            length = length << 8 | (head[i] & 0xff);
        }
        return length >= 2
                && length < MAX_RECOGNIZED_HEADER_BYTES
                && (head[9] == '"' || head[9] == '}' || head[9] == ' ' || head[9] == '\n');
    }

    @Override
    public ImportedModel read(ModelSource source, ImportOptions options) throws IOException {
        HfConfig config = HfConfig.besides(source, options);
        List<Tensor> tensors = new ArrayList<>();
        List<FileSection> sections = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Long> externalBytes = new LinkedHashMap<>();
        Map<String, ModelSource> shards = new LinkedHashMap<>();
        if (source.fileName().toLowerCase(Locale.ROOT).endsWith(ShardIndex.SUFFIX)) {
            // the shard sources stay open with the index's source, which closes them: payload reads go through them
            ShardedCheckpoint c = ShardedCheckpoint.read(source, options, config);
            tensors.addAll(c.tensors);
            sections.addAll(c.sections);
            diagnostics.addAll(c.diagnostics);
            externalBytes.putAll(c.shardBytes);
            shards.putAll(c.shardSources);
            metadata.put("shards", Integer.toString(c.shardBytes.size()));
        } else {
            SafetensorsHeader h = HeaderReader.read(source, options);
            CheckpointTensors.addTo(tensors, "", h, config);
            HeaderSections.addTo(sections, "", h);
            metadata.putAll(h.metadata());
            if (h.gapBytes() > 0) {
                diagnostics.add(Diagnostic.warning(h.gapBytes() + " bytes of the data section lie between tensors"));
            }
        }
        diagnostics.add(Diagnostic.info(
                "a safetensors file stores tensors only, no graph: MACs and activations are " + "not known"));
        if (!config.quantization().method().isEmpty()) {
            metadata.put(
                    "quantization",
                    config.quantization().method()
                            + (config.quantization().bits() > 0
                                    ? " " + config.quantization().bits() + "-bit"
                                    : ""));
        }
        Graph graph = Graph.ofStoredTensors(source.fileName(), tensors);
        return new ImportedModel(
                format(),
                source.location(),
                source.sizeBytes(),
                graph,
                sections,
                externalBytes,
                metadata,
                diagnostics,
                PayloadReader.of(source, shards),
                config.shape().orElse(null));
    }
}
