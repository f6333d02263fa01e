package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * inspect × every format on shared-corpus files: the output equals its golden file, and the torchinfo-style
 * cross-foot holds: the printed rows sum to the printed totals, which equal the JSON totals, whose parameter
 * count and MACs equal the corpus truth (PyTorch/onnx measured, not ours).
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
        long w = j.at("/parameters/byRole/weight").asLong();
        long b = j.at("/parameters/byRole/bias").asLong();
        long[] totals = {
            j.at("/activations/layerOutputElements").asLong(),
            w,
            b,
            j.at("/parameters/total").asLong() - w - b,
            j.get("macs").asLong()
        };
        switch (format) {
            case "json", "jsonl" -> crossFootJson(new ObjectMapper().readTree(out), totals);
            case "csv" -> assertArrayEquals(
                    totals, CrossFoot.sum(CrossFoot.csv(out)), "CSV rows sum to the JSON totals");
            default -> {
                List<long[]> rows =
                        switch (format) {
                            case "text" -> CrossFoot.text(out);
                            case "markdown" -> CrossFoot.markdown(out);
                            default -> CrossFoot.html(out);
                        };
                long[] printedTotal = rows.get(rows.size() - 1);
                long[] sum = CrossFoot.sum(rows.subList(0, rows.size() - 1));
                assertEquals(
                        CrossFoot.named(printedTotal),
                        CrossFoot.named(sum),
                        format + ": rows sum to the printed total");
                assertArrayEquals(totals, printedTotal, format + ": the printed total is the report's total");
            }
        }
        if ("jsonl".equals(format)) {
            assertEquals(1, out.strip().lines().count(), "jsonl is one line");
        }
    }

    private static void crossFootJson(JsonNode j, long[] totals) {
        long act = 0, weights = 0, biases = 0, other = 0, macs = 0;
        for (JsonNode in : j.at("/graph/inputs")) {
            long e = 1;
            for (JsonNode d : in.get("shape")) {
                e *= d.asLong();
            }
            act += e;
        }
        for (JsonNode l : j.get("layers")) {
            act += l.get("activationElements").asLong();
            weights += l.get("weights").asLong();
            biases += l.get("biases").asLong();
            other += l.get("parameters").asLong()
                    - l.get("weights").asLong()
                    - l.get("biases").asLong();
            macs += l.get("macs").asLong();
        }
        assertArrayEquals(totals, new long[] {act, weights, biases, other, macs}, "JSON layers sum to the JSON totals");
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
