package dev.modelcost.importer.dl4j;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every DL4J file of the shared corpus against its truth file (tools/Dl4jTruth.java: DL4J 1.0.0-M2.1's own
 * configuration classes and the ND4J headers read with DataInputStream). Numbers come from the truth.
 */
class Dl4jCorpusTest {
    private static final int EXPECTED_FILES = 21;
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> corpusFiles() throws IOException {
        Path dir = Prerequisites.corpus("dl4j");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(
                            p -> p.toString().endsWith(".zip") || p.toString().endsWith(".bin"))
                    .sorted()
                    .toList();
            assertTrue(
                    files.size() >= EXPECTED_FILES,
                    "expected at least " + EXPECTED_FILES + " DL4J corpus files in " + dir + ", found " + files.size());
            return files;
        }
    }

    static JsonNode truthOf(Path model) throws IOException {
        String name = model.getFileName().toString().replaceAll("\\.(zip|bin)$", "") + ".truth.json";
        return JSON.readTree(Files.readString(model.resolveSibling(name)));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileMatchesItsTruth() throws IOException {
        return corpusFiles().stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        JsonNode truth = truthOf(file);
        Dl4jImporter importer = new Dl4jImporter();
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(file)) {
            in.read(head);
        }
        assertTrue(importer.recognizes(file.getFileName().toString(), head), "recognized by its first entry");
        ImportedModel model = OpenSources.read(file);
        Report report = new ModelAnalysis(OpRegistry.standard()).analyze(model, Assumptions.DEFAULT);
        String diag = String.join(
                "\n", report.diagnostics().stream().map(Diagnostic::message).toList());

        // parameters.total == the coefficients header's length
        long length = truth.path("coefficients").path("length").asLong();
        assertEquals(length, report.parameters().total(), "parameters.total vs truth coefficients.length\n" + diag);
        assertEquals(
                truth.path("coefficients").path("headerFormat").asText(),
                model.metadata().get("dl4j.coefficients.format"));
        assertEquals(
                truth.path("coefficients").path("dtype").asText(),
                model.metadata().get("dl4j.coefficients.dtype"));
        if (truth.has("updaterState")) {
            assertEquals(
                    truth.path("updaterState").path("length").asText(),
                    model.metadata().get("dl4j.updaterState.length"));
        }

        // per-layer parameters
        if (truth.has("layers")) {
            Map<String, Long> rows = new HashMap<>();
            for (LayerRow r : report.layers()) {
                rows.merge(r.name(), r.parameters(), Long::sum);
            }
            for (JsonNode layer : truth.path("layers")) {
                String name = layer.path("name").asText();
                if (name.equals("null")) {
                    name = layer.path("index").asText();
                }
                assertTrue(rows.containsKey(name), "layer " + name + " reported; rows " + rows.keySet());
                assertEquals(
                        layer.path("params").asLong(), rows.get(name), "parameters of layer " + name + "\n" + diag);
            }
            assertEquals(truth.path("numParamsFromConfig").asLong(), length, "truth is self-consistent");
            assertTrue(
                    model.diagnostics().stream().noneMatch(d -> d.message().contains("not on the class path")), diag);
        }
        if (truth.has("configError")) {
            String unknown = model.metadata().get("dl4j.unknownLayerClasses");
            assertTrue(unknown != null && !unknown.isEmpty(), "unknown layer class named in metadata");
            assertTrue(
                    diag.contains(unknown) && diag.contains("not on the class path"),
                    "unknown layer named in diagnostics:\n" + diag);
        }

        // the ledger partitions the file exactly
        long sum =
                report.ledger().entries().stream().mapToLong(LedgerEntry::bytes).sum();
        assertEquals(truth.path("fileBytes").asLong(), model.fileBytes());
        assertEquals(truth.path("fileBytes").asLong(), sum, "ledger entries sum to the file size: " + report.ledger());
        assertEquals(0, report.ledger().unexplainedBytes());
    }
}
