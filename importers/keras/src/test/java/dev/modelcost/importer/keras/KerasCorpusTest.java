package dev.modelcost.importer.keras;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Keras file of the real-model corpus against its truth file (h5py / zipfile measurements):
 * parameter totals and split by role, optimizer-state bytes, and a byte ledger that sums to the file size.
 */
class KerasCorpusTest {
    static final int EXPECTED_H5 = 18;
    static final int EXPECTED_ARCHIVES = 3;

    static Path corpus() {
        Prerequisites.corpus("keras");
        return Prerequisites.corpus();
    }

    /**
     * Files of one truth schema: {@code real/} folders (published files, probe 2) have a schema of their own and are
     * checked by {@link KerasRealCorpusTest}.
     */
    static List<Path> files(Path dir, String suffix) throws IOException {
        Path real = dir.resolve("real");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix) && !f.startsWith(real))
                    .sorted()
                    .toList();
        }
    }

    static Map<String, Object> truth(Path model) throws Exception {
        String text = Files.readString(Path.of(model + ".truth.json"));
        return JsonValues.map(Json.parse(text, Long.MAX_VALUE));
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    static Report analyze(Path f) throws IOException {
        KerasImporter imp = new KerasImporter();
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(f)) {
            in.read(head);
        }
        assertTrue(imp.recognizes(f.getFileName().toString(), head), "recognizes " + f.getFileName());
        ImportedModel m = OpenSources.read(f);
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
    }

    @Test
    void discoversTheWholeCorpus() throws IOException {
        Path c = corpus();
        assertEquals(EXPECTED_H5, files(c.resolve("keras"), ".h5").size(), "Keras HDF5 files in the corpus");
        assertEquals(EXPECTED_ARCHIVES, files(c.resolve("keras3"), ".keras").size(), ".keras archives in the corpus");
    }

    @TestFactory
    List<DynamicTest> hdf5FilesMatchTheirTruth() throws IOException {
        Path c = corpus();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files(c.resolve("keras"), ".h5")) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                Map<String, Object> t = truth(f);
                Map<String, Object> p = JsonValues.map(t.get("params"));
                Report r = analyze(f);
                var ps = r.parameters();
                assertEquals(num(p.get("total")), ps.total(), "params.total");
                assertEquals(num(p.get("kernel")), ps.role(TensorRole.WEIGHT), "params.kernel");
                assertEquals(num(p.get("bias")), ps.role(TensorRole.BIAS), "params.bias");
                assertEquals(num(p.get("bn_gamma_beta")), ps.role(TensorRole.NORM_SCALE_SHIFT), "params.bn_gamma_beta");
                assertEquals(
                        num(p.get("bn_moving_mean_variance")),
                        ps.role(TensorRole.NORM_STATISTIC),
                        "params.bn_moving_mean_variance");
                assertEquals(num(p.get("other")), ps.role(TensorRole.OTHER_PARAMETER), "params.other");
                assertEquals(
                        num(t.get("optimizer_weights_bytes")),
                        r.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE),
                        "optimizer_weights_bytes");
                assertEquals(
                        num(t.get("optimizer_weights_bytes")),
                        Long.parseLong(r.model().metadata().getOrDefault("keras.optimizerStateBytes", "0")),
                        "keras.optimizerStateBytes");
                assertLedger(r, num(t.get("file_size_bytes")));
                assertEquals(
                        num(JsonValues.map(JsonValues.map(t.get("totals")).get("weights"))
                                .get("storage_bytes")),
                        weightPayloadBytes(r),
                        "totals.weights.storage_bytes");
                if (JsonValues.bool(JsonValues.map(t.get("model_config")), "present", false)) {
                    assertOutputsKnownOrExplained(r);
                } else {
                    assertTrue(
                            !r.macsComplete(),
                            "a weights-only file has no architecture: its MACs are unknown, not a complete 0");
                }
                Set<String> truthRegions = new TreeSet<>();
                for (Object d : JsonValues.list(t.get("datasets"))) {
                    Map<String, Object> ds = JsonValues.map(d);
                    if ("weights".equals(ds.get("section")) && num(ds.get("storage_size")) > 0) {
                        truthRegions.add(num(ds.get("file_offset")) + "+" + num(ds.get("storage_size")));
                    }
                }
                assertEquals(truthRegions, storedRegions(f), "datasets' file_offset and storage_size");
                assertEquals(
                        num(JsonValues.map(t.get("structure")).get("attribute_payload_bytes")),
                        r.ledger().entries().stream()
                                .filter(e -> e.detail().startsWith("HDF5 attribute payloads")
                                        || e.detail().endsWith("_config attribute (JSON)"))
                                .mapToLong(LedgerEntry::bytes)
                                .sum(),
                        "structure.attribute_payload_bytes");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> kerasArchivesMatchTheirTruth() throws IOException {
        Path c = corpus();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files(c.resolve("keras3"), ".keras")) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                Map<String, Object> t = truth(f);
                Map<String, Object> w = JsonValues.map(t.get("weights"));
                Map<String, Object> totals = JsonValues.map(w.get("totals"));
                long[] byRole = new long[5];
                JsonValues.map(JsonValues.map(w.get("params")).get("by_layer_class_and_role"))
                        .values()
                        .forEach(
                                roles -> JsonValues.map(roles).forEach((role, n) -> byRole[truthRole(role)] += num(n)));
                Report r = analyze(f);
                var ps = r.parameters();
                assertEquals(
                        num(JsonValues.map(totals.get("model_layers")).get("elements")),
                        ps.total(),
                        "totals.model_layers.elements");
                assertEquals(byRole[0], ps.role(TensorRole.WEIGHT), "kernel roles");
                assertEquals(byRole[1], ps.role(TensorRole.BIAS), "bias roles");
                assertEquals(byRole[2], ps.role(TensorRole.NORM_SCALE_SHIFT), "gamma/beta roles");
                assertEquals(byRole[3], ps.role(TensorRole.NORM_STATISTIC), "moving mean/variance roles");
                assertEquals(byRole[4], ps.role(TensorRole.OTHER_PARAMETER), "other roles");
                long optimizer = num(JsonValues.map(totals.get("optimizer")).get("storage_bytes"));
                assertEquals(
                        optimizer,
                        r.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE),
                        "totals.optimizer.storage_bytes");
                assertEquals(
                        optimizer,
                        Long.parseLong(r.model().metadata().get("keras.optimizerStateBytes")),
                        "keras.optimizerStateBytes");
                assertEquals(
                        num(JsonValues.map(totals.get("model_layers")).get("storage_bytes")),
                        weightPayloadBytes(r),
                        "totals.model_layers.storage_bytes");
                assertLedger(r, num(t.get("size")));
                assertOutputsKnownOrExplained(r);
                Set<String> truthRegions = new TreeSet<>();
                for (Object d : JsonValues.list(w.get("datasets"))) {
                    Map<String, Object> ds = JsonValues.map(d);
                    if (String.valueOf(ds.get("path")).startsWith("layers/")) {
                        truthRegions.add(num(ds.get("zip_absolute_offset")) + "+" + num(ds.get("storage_size")));
                    }
                }
                assertEquals(truthRegions, storedRegions(f), "datasets' zip_absolute_offset and storage_size");
                assertLayerInputsMatchBuildConfig(f, t);
            }));
        }
        return tests;
    }

    /** Bytes of weight payloads: parameters, plus any the ledger files as duplicates of identical tensors. */
    static long weightPayloadBytes(Report r) {
        return r.ledger().bytesIn(LedgerCategory.PARAMETERS) + r.ledger().bytesIn(LedgerCategory.DUPLICATES);
    }

    /** "offset+length" of every graph tensor's storage. */
    static Set<String> storedRegions(Path f) throws IOException {
        ImportedModel m = OpenSources.read(f);
        Set<String> out = new TreeSet<>();
        m.graph()
                .tensors()
                .values()
                .forEach(x ->
                        out.add(x.storage().offsetBytes() + "+" + x.storage().lengthBytes()));
        return out;
    }

    /**
     * Keras 3 configs record each layer's input shape ({@code build_config.input_shape}); the inferred type of
     * each node's first input must match it (the batch dimension, None there, is 1 here).
     */
    static void assertLayerInputsMatchBuildConfig(Path f, Map<String, Object> truth) throws Exception {
        ImportedModel m = OpenSources.read(f);
        var types =
                dev.modelcost.core.analysis.ShapeInference.run(m.graph(), Assumptions.DEFAULT, OpRegistry.standard());
        String configText;
        try (var zip = new ZipFile(f.toFile())) {
            configText =
                    new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (Object layer : TopologyReader.layersOf(Json.parse(configText, Long.MAX_VALUE))) {
            Object shape =
                    JsonValues.map(JsonValues.map(layer).get("build_config")).get("input_shape");
            String name = JsonValues.str(KerasObject.config(layer), "name", "");
            var node = m.graph().nodes().stream()
                    .filter(n -> n.name().equals(name))
                    .findFirst();
            if (!JsonValues.isList(shape)
                    || node.isEmpty()
                    || JsonValues.list(shape).isEmpty()
                    || !(JsonValues.list(shape).get(0) == null)) {
                continue;
            }
            List<Long> expected = new ArrayList<>();
            expected.add(1L);
            JsonValues.list(shape).stream().skip(1).forEach(d -> expected.add(num(d)));
            var actual = types.typeOf(node.get().input(0)).shape();
            assertTrue(actual.isFullyKnown(), name + ": input shape unknown");
            assertEquals(
                    expected, Arrays.stream(actual.sizes()).boxed().toList(), name + " input shape vs build_config");
            checked++;
        }
        assertTrue(checked > 0, "no layer had a build_config input shape to check");
    }

    /** The truth's role names ("kernel", "cell.recurrent_kernel", "moving_mean", ...) → index into byRole. */
    static int truthRole(String role) {
        String b = role.substring(role.lastIndexOf('.') + 1);
        return switch (WeightRoles.byName(b)) {
            case WEIGHT -> 0;
            case BIAS -> 1;
            case NORM_SCALE_SHIFT -> 2;
            case NORM_STATISTIC -> 3;
            default -> 4;
        };
    }

    static void assertLedger(Report r, long fileBytes) {
        assertEquals(fileBytes, r.ledger().fileBytes(), "file size");
        long sum = r.ledger().entries().stream().mapToLong(LedgerEntry::bytes).sum();
        assertEquals(fileBytes, sum, "ledger entries sum to the file size");
        assertEquals(0, r.ledger().unexplainedBytes(), "unexplained bytes");
        assertTrue(r.ledger().entries().stream().allMatch(e -> e.bytes() >= 0), "no negative ledger entry");
    }

    /** Every model output has a fully known shape, or a diagnostic names the layer that stopped inference. */
    static void assertOutputsKnownOrExplained(Report r) {
        for (var o : r.outputs()) {
            TensorType t = o.type();
            if (!t.shape().isFullyKnown()) {
                assertTrue(
                        r.diagnostics().stream()
                                .anyMatch(d -> d.message().contains("Lambda")
                                        || d.message().contains("no shape rule")),
                        "output " + o.name() + " " + t + " unknown without a diagnostic naming the layer: "
                                + r.diagnostics());
            }
        }
    }
}
