package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * inspect × every format on shared-corpus files: the output equals its golden file, and the torchinfo-style
 * cross-foot holds: the printed rows sum to the printed totals (activations, parameters, each role's column, MACs),
 * which equal the JSON totals, whose parameter count and MACs equal the corpus truth (PyTorch/onnx measured, not
 * ours).
 */
class GoldenInspectTest {
    static final String[] FILES = {"squeezenet1_1.onnx", "mobilenet_v2.onnx", "resnet18_external.onnx"};
    static final String[] FORMATS = {"text", "json", "jsonl", "csv", "markdown", "html"};

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String f : FILES) {
            for (String fmt : FORMATS) {
                all.add(Arguments.of(f, fmt));
            }
        }
        return all.stream();
    }

    static Path model(String name) {
        Path p = InspectCommandTest.corpus().resolve("onnx/torchvision").resolve(name);
        assertTrue(Files.isRegularFile(p), "corpus file missing: " + p);
        return p;
    }

    /** The output with the machine-specific corpus location replaced, so golden files travel. */
    static String inspect(Path model, String... options) {
        List<String> args = new ArrayList<>(List.of("inspect", model.toString()));
        args.addAll(List.of(options));
        InspectCommandTest.Run r = InspectCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r.out().replace(model.getParent().toString(), "$CORPUS/onnx/torchvision");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void inspectMatchesItsGoldenFileAndCrossFoots(String file, String format) throws Exception {
        Path model = model(file);
        String out = inspect(model, "--format", format);
        Golden.check(GoldenInspectTest.class, file.replace(".onnx", "") + "." + format, out);

        JsonNode j = new ObjectMapper().readTree(inspect(model, "--format", "json"));
        switch (format) {
            case "json", "jsonl" -> crossFootJson(new ObjectMapper().readTree(out));
            case "csv" -> assertEquals(
                    jsonTotals(j, CrossFoot.csv(out).columns()),
                    CrossFoot.csv(out).sum(false),
                    "CSV rows sum to the JSON totals");
            default -> crossFootTable(
                    switch (format) {
                        case "text" -> CrossFoot.text(out);
                        case "markdown" -> CrossFoot.markdown(out);
                        default -> CrossFoot.html(out);
                    },
                    j,
                    format);
        }
        if ("jsonl".equals(format)) {
            assertEquals(1, out.strip().lines().count(), "jsonl is one line");
        }
    }

    /** The rows add up to the printed total, column by column, and the printed total is the JSON's. */
    static void crossFootTable(CrossFoot.Table t, JsonNode json, String format) {
        assertTrue(
                t.columns().containsAll(List.of("Activations", "Params", "MACs")),
                t.columns().toString());
        assertEquals(t.total(), t.sum(true), format + ": rows sum to the printed total");
        assertEquals(jsonTotals(json, t.columns()), t.total(), format + ": the printed total is the report's total");
    }

    /** The JSON totals of a table's summed columns, found by their names (text headers or CSV columns). */
    static Map<String, Long> jsonTotals(JsonNode j, List<String> columns) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String c : columns) {
            String pointer =
                    switch (c) {
                        case "Activations", "activation_elements" -> "/activations/layerOutputElements";
                        case "Params", "parameters" -> "/parameters/total";
                        case "MACs", "macs" -> "/macs";
                        case "weights" -> "/parameters/byRole/weight";
                        case "biases" -> "/parameters/byRole/bias";
                        case "norm scale/shift", "norm_scale_shift" -> "/parameters/byRole/normScaleShift";
                        case "norm statistics", "norm_statistics" -> "/parameters/byRole/normStatistics";
                        case "other" -> "/parameters/byRole/other";
                        case "quantization scales/zero points", "quantization" -> "/parameters/byRole/quantization";
                        default -> throw new AssertionError("no JSON total for column " + c);
                    };
            m.put(c, j.at(pointer).asLong());
        }
        return m;
    }

    /** The layers' figures, role by role, add up to the JSON totals. */
    static void crossFootJson(JsonNode j) {
        long act = 0, params = 0, macs = 0;
        Map<String, Long> byRole = new TreeMap<>();
        for (JsonNode in : j.at("/graph/inputs")) {
            long e = 1;
            for (JsonNode d : in.get("shape")) {
                e *= d.asLong();
            }
            act += e;
        }
        for (JsonNode l : j.get("layers")) {
            act += l.get("activationElements").asLong();
            params += l.get("parameters").asLong();
            l.get("byRole")
                    .fields()
                    .forEachRemaining(e -> byRole.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            macs += l.get("macs").asLong();
        }
        assertEquals(j.at("/activations/layerOutputElements").asLong(), act, "activations");
        assertEquals(j.at("/parameters/total").asLong(), params, "parameters");
        assertEquals(j.get("macs").asLong(), macs, "MACs");
        Map<String, Long> totals = new TreeMap<>();
        j.at("/parameters/byRole").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() != 0) {
                totals.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertEquals(totals, byRole, "JSON layers' byRole sum to parameters.byRole");
    }

    /** --depth 1 on ResNet-18: one row per top-level module; the groups cross-foot like the layers. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "markdown", "json", "csv"})
    void depthGroupsMatchTheirGoldenFilesAndCrossFoot(String format) throws Exception {
        Path model = model("resnet18_external.onnx");
        String out = inspect(model, "--format", format, "--depth", "1");
        Golden.check(GoldenInspectTest.class, "resnet18_external.depth1." + format, out);
        JsonNode j = new ObjectMapper().readTree(inspect(model, "--format", "json"));
        switch (format) {
            case "json" -> crossFootJson(new ObjectMapper().readTree(out));
            case "csv" -> assertEquals(
                    jsonTotals(j, CrossFoot.csv(out).columns()),
                    CrossFoot.csv(out).sum(false),
                    "CSV groups");
            default -> crossFootTable(format.equals("text") ? CrossFoot.text(out) : CrossFoot.markdown(out), j, format);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void jsonTotalsEqualTheCorpusTruth(String file) throws Exception {
        Path model = model(file);
        JsonNode j = new ObjectMapper().readTree(inspect(model, "--format", "json"));
        Path truthFile = model.resolveSibling(file.replace(".onnx", ".truth.json"));
        JsonNode truth = new ObjectMapper().readTree(truthFile.toFile());
        if (truth.at("/onnx/initializer_elements").isNumber()) {
            assertEquals(
                    truth.at("/onnx/initializer_elements").asLong(),
                    j.at("/parameters/total").asLong(),
                    "initializer elements");
        }
        if (truth.get("macs") != null && truth.get("macs").isNumber()) {
            assertEquals(truth.get("macs").asLong(), j.get("macs").asLong(), "MACs (Conv2d + Linear, PyTorch hooks)");
        }
    }

    static Stream<String> files() {
        return Stream.of(FILES);
    }
}
