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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published DL4J zips of {@code dl4j/real/} against their truth (its README: zipfile + an ND4J header parser +
 * the layer table of the probe's reader, a schema of its own): the coefficients header, the updater state, the
 * per-layer parameters the configuration implies (and the hand counts in {@code expected}), and a ledger that
 * explains every byte. The zip that is not a ModelSerializer zip is not taken for one.
 */
class Dl4jRealCorpusTest {
    private static final int EXPECTED_FILES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Checks a file still fails, with the cause; an entry goes when the defect is fixed (the test fails until the
     * entry is removed, so the list cannot outlive the defect).
     */
    private static final Map<String, Map<String, String>> KNOWN_FAILING = Map.of();

    static List<Path> realFiles() throws IOException {
        Path dir = Prerequisites.corpus("dl4j/real");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
    }

    @Test
    void discoversTheRealFolder() throws IOException {
        assertEquals(EXPECTED_FILES, realFiles().size(), "zips in dl4j/real");
    }

    @TestFactory
    Stream<DynamicTest> realFilesMatchTheirTruth() throws IOException {
        return realFiles().stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws Throwable {
        JsonNode truth = JSON.readTree(Files.readString(Path.of(file + ".truth.json")));
        Dl4jImporter importer = new Dl4jImporter();
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(file)) {
            in.read(head);
        }
        if (truth.path("not_a_modelserializer_zip").asBoolean(false)) {
            assertFalse(
                    importer.recognizes(file.getFileName().toString(), head),
                    "a zip without configuration.json + coefficients.bin is not a DL4J model");
            return;
        }
        assertTrue(importer.recognizes(file.getFileName().toString(), head), "recognized");
        ImportedModel model = OpenSources.read(file);
        Report report = new ModelAnalysis(OpRegistry.standard()).analyze(model, Assumptions.DEFAULT);
        String diag = String.join(
                "\n", report.diagnostics().stream().map(Diagnostic::message).toList());
        Map<String, Executable> checks = new LinkedHashMap<>();
        JsonNode coefficients = truth.path("coefficients");
        checks.put(
                "params_total",
                () -> assertEquals(
                        coefficients.path("length").asLong(),
                        report.parameters().total(),
                        "parameters.total = coefficients.length"));
        checks.put("coefficients_header", () -> {
            assertEquals(
                    coefficients.path("header_format").asText(),
                    model.metadata().get("dl4j.coefficients.format"));
            assertEquals(coefficients.path("dtype").asText(), model.metadata().get("dl4j.coefficients.dtype"));
        });
        checks.put("updater_state", () -> {
            JsonNode u = truth.path("updater_state");
            assertEquals(
                    u.isNull() ? null : u.path("length").asText(),
                    model.metadata().get("dl4j.updaterState.length"));
        });
        checks.put("ledger", () -> {
            assertEquals(
                    truth.path("bytes").asLong(),
                    report.ledger().entries().stream()
                            .mapToLong(LedgerEntry::bytes)
                            .sum(),
                    "ledger entries sum to the file size");
            assertEquals(0, report.ledger().unexplainedBytes());
        });
        checks.put("params_per_layer", () -> {
            List<Long> expected = expectedPerLayer(truth);
            List<Long> ours = layerParams(report);
            assertEquals(expected.size(), ours.size(), "one row per configured layer: " + ours + "\n" + diag);
            for (int i = 0; i < expected.size(); i++) {
                if (expected.get(i) == null) {
                    ours.set(i, null); // a layer type outside the truth reader's table: not asserted
                }
            }
            assertEquals(expected, ours, "per-layer parameters\n" + diag);
        });
        checks.put("standard_layers_not_custom", () -> {
            assertFalse(
                    diag.contains("not on the class path"), "no standard layer is taken for a custom class:\n" + diag);
            assertFalse(diag.contains("unknown operator"), "every layer has a rule:\n" + diag);
        });
        JsonNode shapes = truth.path("expected").path("shapes");
        if (!shapes.isMissingNode()) {
            // "28x28x1 -> 26 -> 24 -> 12 -> 10 -> 8 -> 4 (x32) -> 512": valid 3x3 convolutions and 2x2 pooling, 32
            // channels
            long[] elements = {26 * 26 * 32, 24 * 24 * 32, 12 * 12 * 32, 10 * 10 * 32, 8 * 8 * 32, 4 * 4 * 32};
            checks.put("shapes", () -> {
                List<LayerRow> rows = layerRows(report);
                for (int i = 0; i < elements.length; i++) {
                    assertEquals(
                            elements[i],
                            rows.get(i).output().shape().elementCount().orElse(-1),
                            rows.get(i).name() + " output\n" + diag);
                }
            });
        }
        Map<String, String> known =
                KNOWN_FAILING.getOrDefault(file.getFileName().toString(), Map.of());
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Executable> c : checks.entrySet()) {
            Throwable failed = null;
            try {
                c.getValue().execute();
            } catch (AssertionError e) {
                failed = e;
            }
            if (known.containsKey(c.getKey())) {
                assertTrue(
                        failed != null,
                        c.getKey() + " now holds: remove it from KNOWN_FAILING (" + known.get(c.getKey()) + ")");
            } else if (failed != null) {
                failures.add(c.getKey() + ": " + failed.getMessage());
            }
        }
        assertEquals(List.of(), failures, "truth checks that fail");
    }

    /** The hand counts in {@code expected.params_per_layer} where present, else the config's (null: not asserted). */
    private static List<Long> expectedPerLayer(JsonNode truth) {
        List<Long> out = new ArrayList<>();
        JsonNode hand = truth.path("expected").path("params_per_layer").path("value");
        if (hand.isArray()) {
            hand.forEach(n -> out.add(n.asLong()));
            return out;
        }
        truth.path("layers_from_config")
                .forEach(l -> out.add(
                        l.path("params").isNull() ? null : l.path("params").asLong()));
        return out;
    }

    /** One row per configured layer, in order: neither the input, nor a preprocessor, nor stored-but-unused parameters. */
    private static List<LayerRow> layerRows(Report report) {
        return report.layers().stream()
                .filter(r -> !r.op().equals("(input)")
                        && !r.name().endsWith(":preprocessor")
                        && !r.name().startsWith("(stored"))
                .toList();
    }

    private static List<Long> layerParams(Report report) {
        List<Long> out = new ArrayList<>();
        layerRows(report).forEach(r -> out.add(r.parameters()));
        return out;
    }
}
