package dev.modelcost.importer.tflite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every corpus TFLite file against its truth (tools/tflite_truth.py: flatc's Python classes on LiteRT's schema).
 * The truth's "parameters" are the elements of every tensor with a non-empty buffer; modelcost splits those into
 * parameters and stored constants (shape vectors), so their sum is compared.
 */
class TfliteCorpusTest {
    private static final ModelCost MODEL_COST = ModelCost.standard();

    @Test
    void everyCorpusFileMatchesItsTruth() throws Exception {
        List<Path> models = Corpus.models();
        assertEquals(10, models.size(), "tflite corpus files with a truth: " + models);
        for (Path model : models) {
            JsonNode truth = new ObjectMapper()
                    .readTree(model.resolveSibling(model.getFileName() + ".truth.json")
                            .toFile());
            String name = model.getFileName().toString();
            Report report = MODEL_COST.inspect(model);
            JsonNode params = truth.get("parameters");
            assertEquals(
                    params.get("const_tensor_elements").asLong(),
                    report.parameters().total() + report.parameters().constantElements(),
                    name + ": stored tensor elements");
            assertEquals(truth.get("macs_total").asLong(), report.macs(), name + ": MACs");
            List<Long> expectedMacs = new ArrayList<>();
            for (JsonNode row : truth.get("subgraphs").get(0).get("macs_per_op")) {
                if (row.get("macs").asLong() > 0) {
                    expectedMacs.add(row.get("macs").asLong());
                }
            }
            List<Long> actualMacs = new ArrayList<>();
            report.layers().forEach(l -> {
                if (l.macs() != null && l.macs() > 0) {
                    actualMacs.add(l.macs());
                }
            });
            Collections.sort(expectedMacs);
            Collections.sort(actualMacs);
            assertEquals(expectedMacs, actualMacs, name + ": MACs of each costed operator of the main subgraph");
            assertEquals(0, report.ledger().unexplainedBytes(), name + ": unexplained bytes");
            long tensorBytes = report.ledger().entries().stream()
                    .filter(e -> e.category() == LedgerCategory.PARAMETERS || e.category() == LedgerCategory.CONSTANTS)
                    .mapToLong(LedgerEntry::bytes)
                    .sum();
            JsonNode buffers = truth.get("buffers");
            assertEquals(
                    buffers.get("total_bytes").asLong()
                            - buffers.get("metadata_buffer_bytes").asLong(),
                    tensorBytes,
                    name + ": bytes of buffers that are not metadata");
            assertByDType(truth, MODEL_COST.load(model), name);
            if (!truth.get("appended_zip_entries").isNull()) {
                long entryBytes = 0;
                for (JsonNode e : truth.get("appended_zip_entries")) {
                    entryBytes += e.get("bytes").asLong();
                }
                long zip = entryBytes;
                assertTrue(
                        report.ledger().entries().stream()
                                .anyMatch(e -> e.detail().contains("zip") && e.bytes() >= zip),
                        name + ": the appended zip of " + zip + " bytes of entries is in the ledger");
            }
        }
    }

    /** Elements per element type and bytes per type (each buffer once), against the truth's tensor list. */
    private static void assertByDType(JsonNode truth, ImportedModel imported, String name) {
        Map<String, long[]> expected = new TreeMap<>();
        Set<Long> seenBuffers = new HashSet<>();
        for (JsonNode sg : truth.get("subgraphs")) {
            for (JsonNode t : sg.get("tensors")) {
                if (t.get("constant").asBoolean()) {
                    long[] v = expected.computeIfAbsent(t.get("type").asText().toLowerCase(), k -> new long[2]);
                    v[0] += t.get("elements").asLong();
                    if (seenBuffers.add(t.get("buffer").asLong())) {
                        v[1] += t.get("buffer_bytes").asLong();
                    }
                }
            }
        }
        Map<String, long[]> actual = new TreeMap<>();
        Set<String> places = new HashSet<>();
        for (Graph g : allGraphs(imported.graph())) {
            for (Tensor t : g.tensors().values()) {
                long[] v = actual.computeIfAbsent(t.dtype().name().toLowerCase(), k -> new long[2]);
                v[0] += t.elementCount().orElseThrow();
                if (places.add(t.storage().offsetBytes() + "/" + t.storage().lengthBytes())) {
                    v[1] += t.storage().lengthBytes();
                }
            }
        }
        assertEquals(render(expected), render(actual), name + ": {elements, bytes} by element type");
    }

    /** The graph and the subgraphs its nodes call, each once. */
    private static List<Graph> allGraphs(Graph root) {
        List<Graph> out = new ArrayList<>();
        Deque<Graph> todo = new ArrayDeque<>(List.of(root));
        Set<Graph> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Graph g = todo.pop();
            if (seen.add(g)) {
                out.add(g);
                todo.addAll(g.subgraphs());
            }
        }
        return out;
    }

    private static String render(Map<String, long[]> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) ->
                sb.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
        return sb.toString();
    }
}
