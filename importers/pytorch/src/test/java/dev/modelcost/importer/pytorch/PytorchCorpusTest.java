package dev.modelcost.importer.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every corpus torch.save file against its truth (tools/pytorch_truth.py: a stub unpickler, cross-checked with
 * torch.load). Model tensors that name the same storage region (tied weights) count once; optimizer state is
 * filed apart; every byte of the file is in the ledger.
 */
class PytorchCorpusTest {
    private static final ModelCost MODEL_COST = ModelCost.standard();

    static Path folder() {
        return Prerequisites.corpus("pytorch");
    }

    static List<Path> models() throws Exception {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> Files.isRegularFile(p.resolveSibling(p.getFileName() + ".truth.json")))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyCorpusFileMatchesItsTruth() throws Exception {
        List<Path> models = models();
        assertEquals(10, models.size(), "pytorch corpus files with a truth: " + models);
        for (Path model : models) {
            String name = model.getFileName().toString();
            JsonNode truth = new ObjectMapper()
                    .readTree(model.resolveSibling(name + ".truth.json").toFile());
            Report report = MODEL_COST.inspect(model);
            ImportedModel imported = MODEL_COST.load(model);
            assertEquals(0, report.ledger().unexplainedBytes(), name + ": unexplained bytes");

            Map<String, long[]> expected = uniqueModelTensorsByDType(truth);
            long expectedElements =
                    expected.values().stream().mapToLong(v -> v[0]).sum();
            assertEquals(
                    expectedElements,
                    report.parameters().total() + report.parameters().constantElements(),
                    name + ": model tensor elements, each storage region once");
            JsonNode measured = truth.get("framework_measured");
            if (measured != null && !measured.isNull()) {
                JsonNode m = measured.get("model");
                assertEquals(
                        m.get("parameters_unique").asLong() + m.get("buffers").asLong(),
                        expectedElements,
                        name + ": PyTorch's own count of unique parameters and buffers");
            }
            assertEquals(render(expected), render(byDType(imported)), name + ": {elements} by dtype");

            JsonNode sections = truth.get("sections");
            long modelStorageBytes = sections.has("model")
                    ? sections.get("model").get("storage_bytes").asLong()
                    : 0;
            assertEquals(
                    modelStorageBytes,
                    bytesOf(report, LedgerCategory.PARAMETERS)
                            + bytesOf(report, LedgerCategory.CONSTANTS)
                            + bytesOf(report, LedgerCategory.DUPLICATES)
                            + bytesWhere(report, "no tensor views"),
                    name + ": bytes of the storages model tensors use");
            long optimizerBytes = sections.has("optimizer")
                    ? sections.get("optimizer").get("storage_bytes").asLong()
                    : 0;
            assertEquals(
                    optimizerBytes, bytesOf(report, LedgerCategory.OPTIMIZER_STATE), name + ": optimizer state bytes");
            if (measured != null && measured.has("optimizer")) {
                // torch.optim's state slots: Adam keeps exp_avg and exp_avg_sq, SGD with momentum a momentum_buffer.
                String slot =
                        measured.get("optimizer").get("optimizer").asText().equals("Adam")
                                ? "exp_avg_sq"
                                : "momentum_buffer";
                assertTrue(
                        report.ledger().entries().stream()
                                .anyMatch(e -> e.category() == LedgerCategory.OPTIMIZER_STATE
                                        && e.detail().contains(slot)),
                        name + ": the optimizer section names " + slot);
            }
            if (truth.get("tensor_count").asLong() == 0) {
                assertTrue(
                        report.diagnostics().stream().anyMatch(d -> d.message().contains("not a model")),
                        name + ": a file without tensors is reported as not a model");
            }
        }
    }

    /** {elements} by dtype of the truth's model tensors, one per (storage, offset, shape, stride). */
    private static Map<String, long[]> uniqueModelTensorsByDType(JsonNode truth) {
        Map<String, long[]> out = new TreeMap<>();
        Set<String> regions = new HashSet<>();
        for (JsonNode t : truth.get("tensors")) {
            String region = t.get("storage_key").asText() + "/" + t.get("storage_offset") + "/" + t.get("shape") + "/"
                    + t.get("stride");
            if (t.get("section").asText().equals("model") && regions.add(region)) {
                out.computeIfAbsent(t.get("dtype").asText(), k -> new long[1])[0] +=
                        t.get("elements").asLong();
            }
        }
        return out;
    }

    private static Map<String, long[]> byDType(ImportedModel m) {
        Map<String, long[]> out = new TreeMap<>();
        for (Tensor t : m.graph().tensors().values()) {
            String name =
                    switch (t.dtype()) {
                        case FLOAT32 -> "float32";
                        case INT64 -> "int64";
                        case FLOAT16 -> "float16";
                        default -> t.dtype().name().toLowerCase();
                    };
            out.computeIfAbsent(name, k -> new long[1])[0] += t.elementCount().orElseThrow();
        }
        return out;
    }

    private static String render(Map<String, long[]> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v[0]).append(' '));
        return sb.toString();
    }

    private static long bytesOf(Report r, LedgerCategory c) {
        return r.ledger().entries().stream()
                .filter(e -> e.category() == c)
                .mapToLong(LedgerEntry::bytes)
                .sum();
    }

    private static long bytesWhere(Report r, String detail) {
        return r.ledger().entries().stream()
                .filter(e -> e.detail().contains(detail))
                .mapToLong(LedgerEntry::bytes)
                .sum();
    }
}
