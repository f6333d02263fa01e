package dev.modelcost.importer.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every GGUF file of the shared corpus against its truth (gguf_truth.py, cross-checked with gguf-py): version,
 * key/value and tensor counts, every tensor's ggml type, elements, stored bytes and absolute offset, totals by ggml
 * type, parameters (logical elements), and a ledger that leaves no byte unexplained and whose padding is the
 * truth's layout. The first part of the split model is checked against the set's truth (all parts summed).
 */
class GgufCorpusTest {
    @Test
    void everyCorpusFileMatchesItsTruth() throws Exception {
        List<Path> files = Corpus.files();
        assertTrue(files.size() >= 9, "corpus GGUF files: " + files.size());
        for (Path f : files) {
            JsonNode truth = Corpus.truth(f);
            assertTrue(new GgufImporter().recognizes(f.getFileName().toString(), Files.readAllBytes(f)), f.toString());
            Imports.Analyzed analyzed = Imports.analyze(f);
            ImportedModel m = analyzed.model();
            boolean wholeSplit = f.getFileName().toString().contains("-00001-of-");
            assertEquals(truth.get("gguf_version").asText(), m.metadata().get("gguf.version"), f + " version");
            assertEquals(truth.get("kv_count").asInt() + 1, countKv(m), f + " key/values");
            for (JsonNode t : truth.get("tensors")) {
                Tensor mine = m.graph().tensors().get(t.get("name").asText());
                String where = f.getFileName() + " " + t.get("name");
                assertEquals(t.get("ggml_type").asText(), ggmlType(mine), where);
                assertEquals(t.get("elements").asLong(), mine.elementCount().getAsLong(), where);
                assertEquals(t.get("bytes").asLong(), mine.storage().lengthBytes(), where);
                assertEquals(t.get("abs_offset").asLong(), mine.storage().offsetBytes(), where);
                assertEquals(
                        t.get("shape_row_major").toString().replace(",", ", "),
                        mine.shape().toString(),
                        where);
            }
            JsonNode totals = wholeSplit ? setTruth(f).get("totals") : truth.get("totals");
            assertEquals(
                    totals.path("tensors").asInt(truth.get("tensor_count").asInt()),
                    m.graph().tensors().size(),
                    f + " tensors");
            Map<String, long[]> byType = new HashMap<>();
            for (Tensor t : m.graph().tensors().values()) {
                long[] acc = byType.computeIfAbsent(ggmlType(t), k -> new long[2]);
                acc[0] += t.elementCount().getAsLong();
                acc[1] += t.storage().lengthBytes();
            }
            assertEquals(totals.get("by_ggml_type").size(), byType.size(), f + " types");
            totals.get("by_ggml_type").fields().forEachRemaining(e -> {
                assertEquals(e.getValue().get("elements").asLong(), byType.get(e.getKey())[0], f + " " + e.getKey());
                assertEquals(e.getValue().get("bytes").asLong(), byType.get(e.getKey())[1], f + " " + e.getKey());
            });
            Report r = analyzed.report();
            assertEquals(totals.get("elements").asLong(), r.parameters().total(), f + " parameters");
            totals.get("by_ggml_type").fields().forEachRemaining(e -> {
                if (!List.of("F32", "F16", "BF16", "F64").contains(e.getKey())) {
                    assertEquals(
                            e.getValue().get("elements").asLong(),
                            r.parameters().elementsByBlockFormat().get(e.getKey()),
                            f + " " + e.getKey() + " parameters");
                }
            });
            assertEquals(0, r.ledger().unexplainedBytes(), f + " unexplained bytes");
            if (wholeSplit) {
                assertEquals(totals.get("files_bytes").asLong(), r.ledger().totalBytes(), f + " bytes of all parts");
            } else {
                JsonNode layout = truth.get("layout");
                long before =
                        truth.get("header_bytes").path("padding_before_data").asLong(0);
                assertEquals(
                        before
                                + layout.get("inter_tensor_padding_bytes").asLong()
                                + layout.get("trailing_bytes_after_last_tensor").asLong(),
                        r.ledger().bytesIn(LedgerCategory.PADDING_AND_FREE_SPACE),
                        f + " padding");
                assertEquals(
                        truth.get("tensor_count").asInt(), m.graph().tensors().size(), f + " tensors");
            }
        }
    }

    @Test
    void architectureKeysGiveTheCacheShape() throws Exception {
        // llama.cpp's LLaMA-7B vocabulary file keeps the model's keys (truth kv): 32 blocks, 32 heads, 32 KV heads,
        // embedding 4,096, context 2,048: 2 × 32 × 32 × 128 × 2 bytes = 524,288 bytes per token in fp16.
        Path f = Corpus.folder().resolve("llama.cpp__ggml-vocab-llama__gguf-v1__2023-08.gguf");
        JsonNode kv = Corpus.truth(f).get("kv");
        var shape = Imports.read(f).architecture();
        assertEquals(kv.get("llama.block_count").asLong(), shape.layers());
        assertEquals(kv.get("llama.attention.head_count_kv").asLong(), shape.kvHeads());
        assertEquals(
                kv.get("llama.embedding_length").asLong()
                        / kv.get("llama.attention.head_count").asLong(),
                shape.headDim());
        assertEquals(kv.get("llama.context_length").asLong(), shape.contextTokens());
        assertEquals(524_288, shape.kvCacheBytesPerToken());
        assertEquals(
                null,
                Imports.read(Corpus.folder().resolve("llama.cpp__ggml-vocab-bert-bge__gguf-v3.gguf"))
                        .architecture(),
                "BERT is an encoder: no KV cache");
    }

    /** Key/values are in the model's metadata, plus the version the importer adds. */
    private static long countKv(ImportedModel m) {
        return m.metadata().size();
    }

    private static JsonNode setTruth(Path part1) throws Exception {
        String set = part1.getFileName().toString().replaceAll("-00001-of-\\d+\\.gguf$", ".set.truth.json");
        return new ObjectMapper().readTree(part1.resolveSibling(set).toFile());
    }

    private static String ggmlType(Tensor t) {
        Storage s = t.storage();
        if (s.encoding() == Storage.Encoding.BLOCKS) {
            return s.blocks().name();
        }
        return switch (t.dtype()) {
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case FLOAT64 -> "F64";
            case INT8 -> "I8";
            case INT16 -> "I16";
            case INT32 -> "I32";
            case INT64 -> "I64";
            default -> t.dtype().name();
        };
    }
}
