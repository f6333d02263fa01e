package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.ParameterRoles;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-established facts ({@code expected}) of the onnx/real truth files, each checked under its
 * {@code modelcost_options}. A fact whose defect is not fixed yet is listed in {@link #KNOWN_FAILING} with the
 * cause; the test fails when a listed fact starts to hold (remove it then) and when an unlisted fact fails.
 */
class RealOnnxFilesTest {
    /** file/fact → why it fails today. Shrinks as the defects are fixed. */
    private static final Map<String, String> KNOWN_FAILING = new TreeMap<>(Map.of());

    private final OpRegistry registry = OpRegistry.standard();

    @Test
    void everyTruthFactHoldsOrIsAKnownFailure() throws Exception {
        Map<String, String> outcome = new LinkedHashMap<>();
        for (Map.Entry<String, FactCheck> e : RealOnnxFacts.all().entrySet()) {
            String key = e.getKey();
            String file = key.substring(0, key.indexOf('/'));
            String fact = key.substring(key.indexOf('/') + 1);
            Path model = Corpus.root().resolve("onnx/real").resolve(file);
            JsonNode expected = Corpus.truth(model.resolveSibling(file + ".truth.json"))
                    .get("expected")
                    .get(fact);
            String problem;
            try {
                problem = e.getValue()
                        .check(new Run(model, expected), expected.has("value") ? expected.get("value") : expected);
            } catch (Exception | AssertionError ex) {
                problem = "threw " + ex;
            }
            outcome.put(key, problem);
        }
        List<String> failures = new ArrayList<>();
        outcome.forEach((key, problem) -> {
            if (problem != null && !KNOWN_FAILING.containsKey(key)) {
                failures.add(key + ": " + problem);
            } else if (problem == null && KNOWN_FAILING.containsKey(key)) {
                failures.add(key + ": holds now; remove it from KNOWN_FAILING");
            }
        });
        assertEquals(List.of(), failures);
    }

    /** The acceptance figure for the tiny GPT-2 with a past of 100 tokens and one new token. */
    @Test
    void tinyGpt2DecodeStepHasItsKvCacheAndNoSymbolicShapes() throws Exception {
        Path model = Corpus.root().resolve("onnx/real/genai_tiny_gpt2_past_fp32.onnx");
        Report r = ModelCost.standard()
                .inspect(
                        model,
                        new Assumptions(1, Map.of("seq_len", 1L, "total_seq_len", 101L, "past_seq_len", 100L), null));
        // 5 layers x (K, V) x 4 heads x head 8 x 4 bytes (fp32) = 1,280 bytes per token; 101 tokens after the step
        assertEquals(5, r.kvCache().shape().layers());
        assertEquals(1280, r.kvCache().bytesPerToken());
        assertEquals(101, r.kvCache().contextTokens());
        assertEquals(1280L * 101, r.kvCache().cacheBytes());
        assertEquals(
                List.of(),
                r.layers().stream()
                        .filter(l -> !l.output().shape().isFullyKnown())
                        .map(LayerRow::name)
                        .toList());
        assertEquals(
                List.of(),
                r.outputs().stream()
                        .filter(o -> !o.type().shape().isFullyKnown())
                        .map(ValueInfo::name)
                        .toList());
        assertTrue(r.macsComplete(), "MACs complete");
    }

    /**
     * The TDNN's frame axis is an unnamed -1: it gets the name input.dim0, so the truth's "[T - 2, 5]" and
     * "150 x (T - 2)" read as [input.dim0 - 2, 5], and at T = 100: [98, 5] and 150 x 98 = 14,700 MACs.
     */
    @Test
    void theTdnnFrameAxisHasANameThatDimSets() throws Exception {
        Path model = Corpus.root().resolve("onnx/real/tract_qtdnn_qlinearconv.onnx");
        Report open = ModelCost.standard().inspect(model, Assumptions.DEFAULT);
        assertEquals("[input.dim0 - 2, 5]", open.outputs().get(0).type().shape().toString());
        Report set = ModelCost.standard().inspect(model, new Assumptions(1, Map.of("input.dim0", 100L), null));
        assertEquals(Shape.of(98, 5), set.outputs().get(0).type().shape());
        assertEquals(14_700, set.macs());
        assertTrue(set.macsComplete(), "MACs complete");
    }

    /**
     * superres_prepost_op18: DecodeImage gives [pre_process_0.height, pre_process_0.width, 3] uint8; with a 480 x 640
     * image the pre-processing resizes to fit 224 (scale max(224/480, 224/640); ONNX Resize floors 640 x 224/480 =
     * 298.67 to 298), crops the centre [224, 224, 3] for the network's declared [1, 1, 224, 224] input, and every
     * shape is known but EncodeImage's stream, whose length depends on the pixels (the file declares it as a symbol).
     */
    @Test
    void superresPrePostProcessingHasSymbolicThenKnownShapes() throws Exception {
        Path model = Corpus.root().resolve("onnx/real/superres_prepost_op18.onnx");
        Report open = ModelCost.standard().inspect(model, Assumptions.DEFAULT);
        LayerRow decoded = open.layers().get(0);
        assertEquals("DecodeImage", decoded.op());
        assertEquals(
                "[pre_process_0.height, pre_process_0.width, 3]",
                decoded.output().shape().toString());
        assertEquals(dev.modelcost.core.ir.DType.UINT8, decoded.output().dtype());
        Report sized = ModelCost.standard()
                .inspect(
                        model,
                        new Assumptions(1, Map.of("pre_process_0.height", 480L, "pre_process_0.width", 640L), null));
        Map<String, Shape> shapes = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (LayerRow row : sized.layers()) {
            shapes.put(row.name(), row.output().shape());
            // the encoded stream and the Identity that renames it to the graph output
            boolean stream = row.name().equals("post_process_52") || row.name().equals("Rename _ppp13_image");
            if (!row.output().shape().isFullyKnown() && !stream) {
                unknown.add(row.name() + " " + row.output().shape());
            }
        }
        assertEquals(List.of(), unknown);
        assertEquals(Shape.of(1, 224, 298, 3), shapes.get("pre_process_12"));
        assertEquals(Shape.of(224, 224, 3), shapes.get("pre_process_23"));
        assertEquals(Shape.of(1, 1, 224, 224), shapes.get("pre_process_42"));
    }

    @Test
    void everyFactOfTheTruthFilesIsChecked() throws Exception {
        List<String> unchecked = new ArrayList<>();
        for (Path truth : RealOnnxFacts.truthFiles()) {
            String file = truth.getFileName().toString().replace(".truth.json", "");
            Corpus.truth(truth).get("expected").fieldNames().forEachRemaining(f -> {
                if (!List.of("classes", "single_file_class", "note").contains(f)
                        && !RealOnnxFacts.all().containsKey(file + "/" + f)) {
                    unchecked.add(file + "/" + f);
                }
            });
        }
        assertEquals(List.of(), unchecked);
    }

    /** One check: null when the fact holds, otherwise what was found instead. */
    @FunctionalInterface
    interface FactCheck {
        String check(Run run, JsonNode value) throws Exception;
    }

    /** A file analysed under the options of one fact: the report, the per-value types and the resolved roles. */
    final class Run {
        final Path model;
        final Map<String, Long> dims = new LinkedHashMap<>();
        private Report report;

        Run(Path model, JsonNode fact) {
            this.model = model;
            if (fact.has("modelcost_options")) {
                String[] words = fact.get("modelcost_options").asText().trim().split("\\s+");
                for (int i = 0; i + 1 < words.length; i += 2) {
                    if (words[i].equals("--dim")) {
                        String[] kv = words[i + 1].split("=");
                        dims.put(kv[0], Long.parseLong(kv[1]));
                    }
                }
            }
        }

        Assumptions assumptions() {
            return new Assumptions(1, dims, null);
        }

        Report report() throws Exception {
            if (report == null) {
                report = ModelCost.standard().inspect(model, assumptions());
            }
            return report;
        }

        ImportedModel imported() throws Exception {
            try (FileSource s = FileSource.open(model)) {
                return ModelCost.standard().load(s);
            }
        }

        InferredTypes types() throws Exception {
            return ShapeInference.run(imported().graph(), assumptions(), registry);
        }

        Map<String, Tensor> roles() throws Exception {
            return ParameterRoles.resolve(imported().graph(), registry);
        }

        LayerRow layer(String name) throws Exception {
            return report().layers().stream()
                    .filter(l -> l.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no layer " + name));
        }

        List<LayerRow> layersOf(String op) throws Exception {
            return report().layers().stream().filter(l -> l.op().equals(op)).toList();
        }

        List<Node> nodesOf(String op) throws Exception {
            return imported().graph().nodes().stream()
                    .filter(n -> n.opType().equals(op))
                    .toList();
        }

        Shape output(String name) throws Exception {
            for (ValueInfo v : report().outputs()) {
                if (v.name().equals(name)) {
                    return v.type().shape();
                }
            }
            throw new AssertionError("no output " + name);
        }
    }

    /** The expected shape as a list of ints and symbol names, as the truth writes it. */
    static Shape shape(JsonNode value) {
        List<Dim> dims = new ArrayList<>();
        for (JsonNode d : value) {
            dims.add(d.isNumber() ? Dim.of(d.asLong()) : Dim.symbol(d.asText()));
        }
        return Shape.of(dims);
    }

    static String same(Object expected, Object actual) {
        return expected.equals(actual) ? null : "expected " + expected + ", got " + actual;
    }

    static String role(Map<String, Tensor> roles, String tensor, TensorRole expected) {
        Tensor t = roles.get(tensor);
        return t == null ? "no tensor " + tensor : same(expected, t.declaredRole());
    }

    static TensorRole roleNamed(String json) {
        for (TensorRole r : TensorRole.values()) {
            if (r.jsonName().equals(json)) {
                return r;
            }
        }
        throw new IllegalArgumentException(json);
    }
}
