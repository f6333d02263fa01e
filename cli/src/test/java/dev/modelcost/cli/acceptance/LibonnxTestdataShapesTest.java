package dev.modelcost.cli.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.cli.Main;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7's acceptance check: on ONNX's own operator tests (Debian libonnx-testdata), prepared as
 * {@link OnnxTestCase#prepare} describes, {@code modelcost audit DIR --format jsonl} must infer output
 * shapes equal to the real output tensors' dims on at least 99% of the models whose outputs are tensors.
 * The oracle is test_data_set_0/output_N.pb, produced by ONNX's reference backends.
 */
class LibonnxTestdataShapesTest {
    static final Path DATA = Path.of(System.getProperty("libonnx.testdata", "/usr/share/libonnx-testdata/data"));
    static final List<String> SUITES = List.of("node", "pytorch-converted", "pytorch-operator", "simple");
    /** Models in those suites in Debian's libonnx-testdata 1.12.0 (see shared/corpus/onnx/libonnx-testdata-shapes.json). */
    static final int EXPECTED_MODELS = 1072;

    static final double REQUIRED_PASS_RATE = 0.99;

    @Test
    void inferredOutputShapesMatchTheTestData() throws Exception {
        Prerequisites.libonnxTestdata(DATA);
        Path target = Path.of("target", "libonnx-prepared");
        deleteTree(target);
        List<OnnxTestCase> cases = discover();
        assertTrue(cases.size() >= EXPECTED_MODELS, "found only " + cases.size() + " models under " + DATA);

        Map<String, OnnxTestCase> byPath = new HashMap<>();
        for (OnnxTestCase c : cases) {
            if (c.outputsAreTensors()) {
                byPath.put(c.prepare(target).toString(), c);
            }
        }
        Map<String, JsonNode> reports = audit(target);

        List<String> misses = new ArrayList<>();
        for (Map.Entry<String, OnnxTestCase> e : byPath.entrySet()) {
            String why = mismatch(reports.get(e.getKey()), e.getValue().expectedOutputDims());
            if (why != null) {
                misses.add(e.getValue().suite() + "/" + e.getValue().name() + ": " + why);
            }
        }
        misses.sort(null);
        int total = byPath.size();
        int passed = total - misses.size();
        System.out.println("libonnx-testdata output shapes: " + passed + "/" + total + " ("
                + String.format("%.1f%%", 100.0 * passed / total) + "); misses:");
        misses.forEach(m -> System.out.println("  " + m));
        Files.write(Path.of("target", "libonnx-testdata-misses.txt"), misses);
        assertTrue(
                passed >= REQUIRED_PASS_RATE * total,
                passed + "/" + total + " below 99%; misses:\n" + String.join("\n", misses));
    }

    private static List<OnnxTestCase> discover() throws Exception {
        List<OnnxTestCase> out = new ArrayList<>();
        for (String suite : SUITES) {
            try (Stream<Path> dirs = Files.list(DATA.resolve(suite))) {
                for (Path d : dirs.sorted().toList()) {
                    if (Files.isRegularFile(d.resolve("model.onnx"))) {
                        out.add(new OnnxTestCase(suite, d.getFileName().toString(), d));
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, JsonNode> audit(Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute("audit", dir.toString(), "--format", "jsonl");
        assertEquals(0, code, err.toString());
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> reports = new HashMap<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                JsonNode r = json.readTree(line);
                reports.put(r.path("model").path("path").asText(), r);
            }
        }
        return reports;
    }

    /** Null when every output's inferred shape equals the real dims; else why not. */
    private static String mismatch(JsonNode report, List<long[]> expected) {
        if (report == null) {
            return "no report";
        }
        if (report.has("error")) {
            return "error: " + report.get("error").asText();
        }
        JsonNode outputs = report.path("graph").path("outputs");
        if (outputs.size() != expected.size()) {
            return outputs.size() + " outputs reported, " + expected.size() + " in the test data";
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode shape = outputs.get(i).path("shape");
            String got = shape.isNull() ? "[?..]" : shape.toString();
            String want = Arrays.toString(expected.get(i)).replace(" ", "");
            if (!got.equals(want)) {
                wrong.add(outputs.get(i).path("name").asText() + " " + got + " expected " + want);
            }
        }
        if (wrong.isEmpty()) {
            return null;
        }
        return String.join("; ", wrong) + unknownOps(report);
    }

    private static String unknownOps(JsonNode report) {
        for (JsonNode d : report.path("diagnostics")) {
            String m = d.path("message").asText();
            if (m.startsWith("unknown operator")) {
                return " — " + m.substring(0, m.indexOf(':') > 0 ? m.indexOf(':') : m.length());
            }
        }
        for (JsonNode d : report.path("diagnostics")) {
            String m = d.path("message").asText();
            if (m.startsWith("node ")) {
                return " — " + m;
            }
        }
        return "";
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
