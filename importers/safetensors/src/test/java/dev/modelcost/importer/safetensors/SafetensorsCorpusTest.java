package dev.modelcost.importer.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every safetensors file of the shared corpus against its truth (safetensors_truth.py, stdlib json/struct): each
 * tensor's dtype, element count, stored bytes and absolute byte range; parameters = elements of the floating-point
 * tensors and constants = elements of the integer ones (the role convention); and a ledger whose header and padding
 * entries are the truth's and that leaves no byte unexplained.
 */
class SafetensorsCorpusTest {
    private static final Set<String> FLOAT_DTYPES = Set.of("F64", "F32", "F16", "BF16", "F8_E4M3", "F8_E5M2");

    @Test
    void everyCorpusFileMatchesItsTruth() throws Exception {
        List<Path> files = Corpus.files();
        assertTrue(files.size() >= 8, "corpus safetensors files: " + files.size());
        for (Path f : files) {
            JsonNode truth = Corpus.truth(f);
            Imports.Analyzed analyzed = Imports.analyze(f);
            ImportedModel m = analyzed.model();
            assertTrue(
                    new SafetensorsImporter().recognizes(f.getFileName().toString(), Files.readAllBytes(f)),
                    f.toString());
            assertEquals(truth.get("tensor_count").asInt(), m.graph().tensors().size(), f + " tensors");
            long floatElements = 0;
            long intElements = 0;
            for (JsonNode t : truth.get("tensors")) {
                Tensor mine = m.graph().tensors().get(t.get("name").asText());
                String where = f.getFileName() + " " + t.get("name");
                assertEquals(t.get("elements").asLong(), mine.elementCount().getAsLong(), where);
                assertEquals(t.get("bytes").asLong(), mine.storage().lengthBytes(), where);
                assertEquals(t.get("abs_range").get(0).asLong(), mine.storage().offsetBytes(), where);
                assertEquals(t.get("dtype").asText(), safetensorsName(mine), where);
                if (FLOAT_DTYPES.contains(t.get("dtype").asText())) {
                    floatElements += t.get("elements").asLong();
                } else {
                    intElements += t.get("elements").asLong();
                }
            }
            Report r = analyzed.report();
            assertEquals(floatElements, r.parameters().total(), f + " parameters");
            assertEquals(intElements, r.parameters().constantElements(), f + " constants");
            assertEquals(0, r.ledger().unexplainedBytes(), f + " unexplained bytes");
            JsonNode ledger = truth.get("ledger");
            long padding = truth.get("header_trailing_space_padding").asLong();
            assertEquals(
                    ledger.get("length_prefix_bytes").asLong()
                            + ledger.get("header_json_bytes").asLong()
                            - padding,
                    r.ledger().bytesIn(LedgerCategory.CONTAINER_OVERHEAD),
                    f + " header");
            assertEquals(
                    padding
                            + ledger.get("gap_bytes_between_tensors").asLong()
                            + ledger.get("trailing_bytes_after_last_tensor").asLong(),
                    r.ledger().bytesIn(LedgerCategory.PADDING_AND_FREE_SPACE),
                    f + " padding");
            assertEquals(truth.get("metadata").size(), metadataKeys(m, truth), f + " metadata");
        }
    }

    private static int metadataKeys(ImportedModel m, JsonNode truth) {
        int n = 0;
        for (var it = truth.get("metadata").fieldNames(); it.hasNext(); ) {
            String k = it.next();
            assertEquals(truth.get("metadata").get(k).asText(), m.metadata().get(k), k);
            n++;
        }
        return n;
    }

    /** The IR dtype back in the file's vocabulary, so the comparison is with the truth's own names. */
    private static String safetensorsName(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT64 -> "F64";
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT16 -> "I16";
            case INT8 -> "I8";
            case UINT64 -> "U64";
            case UINT32 -> "U32";
            case UINT16 -> "U16";
            case UINT8 -> "U8";
            case BOOL -> "BOOL";
            default -> t.dtype().name();
        };
    }
}
