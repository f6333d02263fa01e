package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.modelcost.importer.keras.KerasCorpusTest.num;
import static dev.modelcost.importer.keras.KerasCorpusTest.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published Keras files of {@code keras/real/} (its README: h5py 3.7 / zipfile measurements, a schema of
 * its own) against their truth: parameter total, trainable / non-trainable, the split by role, the optimizer
 * state's bytes, per-layer parameters that add up to the totals (per top-level layer as stored, nested models
 * included), and a ledger that explains every byte.
 */
class KerasRealCorpusTest {
    static final int EXPECTED_FILES = 3;

    /**
     * Checks a file still fails, with the cause; each entry goes when the defect is fixed (the test then fails
     * until the entry is removed, so the list cannot outlive the defect).
     */
    static final Map<String, Map<String, String>> KNOWN_FAILING = Map.of();

    static Path realDir() {
        return KerasCorpusTest.corpus().resolve("keras").resolve("real");
    }

    static List<Path> realFiles() throws IOException {
        Path dir = realDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".h5") || f.toString().endsWith(".keras"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void discoversTheRealFolder() throws IOException {
        assertEquals(EXPECTED_FILES, realFiles().size(), "files in " + realDir());
    }

    @TestFactory
    List<DynamicTest> realFilesMatchTheirTruth() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : realFiles()) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
        }
        return tests;
    }

    private static void check(Path f) throws Throwable {
        Map<String, Object> t = truth(f);
        Report r = KerasCorpusTest.analyze(f);
        Map<String, Executable> checks = new LinkedHashMap<>();
        var ps = r.parameters();
        checks.put("params_total", () -> assertEquals(num(t.get("params_total")), ps.total(), "params_total"));
        checks.put("trainable", () -> {
            assertEquals(num(t.get("trainable")), ps.trainable(), "trainable");
            assertEquals(num(t.get("non_trainable")), ps.nonTrainable(), "non_trainable");
        });
        checks.put("by_role", () -> assertEquals(truthRoles(t), ourRoles(r), "by_role"));
        checks.put("optimizer_state", () -> {
            long bytes = num(JsonValues.map(t.get("optimizer_state")).get("bytes"));
            assertEquals(
                    bytes, r.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE), "optimizer_state.bytes in the ledger");
            assertEquals(
                    bytes,
                    Long.parseLong(r.model().metadata().getOrDefault("keras.optimizerStateBytes", "0")),
                    "keras.optimizerStateBytes");
        });
        checks.put("ledger", () -> KerasCorpusTest.assertLedger(r, num(t.get("bytes"))));
        checks.put("rows_sum_to_by_role", () -> assertRowsAddUp(r));
        checks.put("params_per_layer", () -> assertPerLayer(t, r));
        checks.put("declared_input_shapes", () -> assertInputsDeclared(t, r));
        Map<String, String> known = KNOWN_FAILING.getOrDefault(f.getFileName().toString(), Map.of());
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

    static Map<String, Long> truthRoles(Map<String, Object> t) {
        Map<String, Long> out = new TreeMap<>();
        JsonValues.map(t.get("by_role")).forEach((k, v) -> out.put(k, num(v)));
        return out;
    }

    static Map<String, Long> ourRoles(Report r) {
        var ps = r.parameters();
        Map<String, Long> out = new TreeMap<>();
        out.put("weight", ps.role(TensorRole.WEIGHT));
        out.put("bias", ps.role(TensorRole.BIAS));
        out.put("normScaleShift", ps.role(TensorRole.NORM_SCALE_SHIFT));
        out.put("normStatistics", ps.role(TensorRole.NORM_STATISTIC));
        out.put("other", ps.role(TensorRole.OTHER_PARAMETER));
        return out;
    }

    /** The per-layer columns add up to the totals, and no parameter is left to the "used by no node" row. */
    static void assertRowsAddUp(Report r) {
        var ps = r.parameters();
        assertTrue(
                r.layers().stream().noneMatch(l -> l.name().startsWith("(stored, used by no node")),
                "a full model has no row of stored parameters used by no node: " + orphanRow(r));
        assertEquals(
                ps.total(), r.layers().stream().mapToLong(LayerRow::parameters).sum(), "rows' parameters = total");
        assertEquals(
                ps.role(TensorRole.WEIGHT),
                r.layers().stream().mapToLong(LayerRow::weights).sum(),
                "rows' weights = byRole.weight");
        assertEquals(
                ps.role(TensorRole.BIAS),
                r.layers().stream().mapToLong(LayerRow::biases).sum(),
                "rows' biases = byRole.bias");
    }

    private static String orphanRow(Report r) {
        return r.layers().stream()
                .filter(l -> l.name().startsWith("(stored"))
                .map(l -> l.parameters() + " parameters")
                .findFirst()
                .orElse("none");
    }

    /**
     * HDF5 files: {@code params_per_layer} names the top-level weight groups, which are the top-level layers; a
     * nested model's rows are "model/…". Archives name groups by class and counter, so there the multiset of
     * per-layer counts must equal the rows' (layers with parameters).
     */
    static void assertPerLayer(Map<String, Object> t, Report r) {
        Map<String, Object> perLayer = JsonValues.map(t.get("params_per_layer"));
        if ("hdf5".equals(t.get("container"))) {
            Map<String, Long> expected = new TreeMap<>();
            Map<String, Long> ours = new TreeMap<>();
            perLayer.forEach((layer, n) -> {
                expected.put(layer, num(n));
                ours.put(
                        layer,
                        r.layers().stream()
                                .filter(l -> l.name().equals(layer) || l.name().startsWith(layer + "/"))
                                .mapToLong(LayerRow::parameters)
                                .sum());
            });
            assertEquals(expected, ours, "params_per_layer (rows of each top-level layer)");
        } else {
            List<Long> expected = perLayer.values().stream()
                    .map(KerasCorpusTest::num)
                    .sorted()
                    .toList();
            List<Long> ours = r.layers().stream()
                    .map(LayerRow::parameters)
                    .filter(n -> n > 0)
                    .sorted()
                    .toList();
            assertEquals(expected, ours, "params_per_layer (as a multiset of the layers with parameters)");
        }
    }

    /** Every model input's shape is the declared one of its layer (batch None → the assumed batch). */
    static void assertInputsDeclared(Map<String, Object> t, Report r) {
        Map<String, Object> declared = JsonValues.map(t.get("declared_input_shapes"));
        for (var in : r.inputs()) {
            String layer = in.name().endsWith("_input")
                    ? in.name().substring(0, in.name().length() - "_input".length())
                    : in.name();
            Object shape = declared.containsKey(in.name()) ? declared.get(in.name()) : declared.get(layer);
            if (shape == null) {
                continue;
            }
            List<Object> dims = JsonValues.list(shape);
            var ours = in.type().shape();
            assertEquals(dims.size(), ours.rank(), in.name() + " rank");
            for (int i = 1; i < dims.size(); i++) {
                assertEquals(dev.modelcost.core.ir.Dim.of(num(dims.get(i))), ours.dim(i), in.name() + " dim " + i);
            }
        }
    }
}
