package dev.modelcost.onnx.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testsupport.Prerequisites;
import dev.modelcost.testsupport.ort.OnnxRuntimeNode;
import dev.modelcost.testsupport.ort.OrtComparison;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
 * ONNX Runtime as a second, independent oracle of the ONNX importer's shapes: {@code onnxruntime-node} (its CPU
 * binaries ship inside the npm package) runs every model of onnx/real and onnx/torchvision on zero-filled inputs of
 * the shapes modelcost resolved (dims from the truth's {@code modelcost_options}, other symbols 1), in a node
 * process per file; each output's real shape must equal the one modelcost inferred. Every file where ORT refuses
 * the model or where the shapes differ is listed below with its cause; a file not listed must agree, and a listed
 * file that agrees fails the test until it is taken off the list. The pinned package version is in .ci/run.
 * Needs node and the package (installed by .ci/run into .cache/onnxruntime-node; without them the test skips,
 * under CI it fails). Tagged "oracle": run with -Poracles.
 */
@Tag("oracle")
class OnnxRuntimeOracleTest {
    /** What ORT does on each corpus file that does not simply agree, keyed by file name, with the cause. */
    private static final Map<String, Expected> NOT_AGREEING = Map.ofEntries(
            Map.entry(
                    "skl_dictvectorizer.onnx",
                    new NotRun("onnxruntime-node feeds tensors only; a map input cannot be given")),
            Map.entry(
                    "superres_prepost_op18.onnx",
                    new Refuses(
                            "com.microsoft.extensions:DecodeImage",
                            "DecodeImage/EncodeImage live in onnxruntime-extensions, which onnxruntime-node does not load")),
            Map.entry(
                    "silero_vad_op18_ifless_v1_nodata.onnx",
                    new Refuses(
                            "temp_16.onnx.data",
                            "its external data file is absent as published (modelcost reports the missing payloads)")));

    sealed interface Expected {
        String cause();

        /** Null when the outcome is the expected one, else what differs. */
        String check(OrtComparison c);
    }

    /** ORT refuses to load or run the model, with {@code messagePart} in its error. */
    record Refuses(String messagePart, String cause) implements Expected {
        public String check(OrtComparison c) {
            return c.outcome().startsWith("ORT refuses") && c.outcome().contains(messagePart)
                    ? null
                    : "expected ORT to refuse with '" + messagePart + "'";
        }
    }

    /** The model cannot be given to onnxruntime-node (a non-tensor input). */
    record NotRun(String cause) implements Expected {
        public String check(OrtComparison c) {
            return c.outcome().startsWith("not run") ? null : "expected not to be runnable";
        }
    }

    /** ORT runs the model; exactly these outputs differ from modelcost's shapes. */
    record Differs(List<String> outputs, String cause) implements Expected {
        public String check(OrtComparison c) {
            return c.outcome().startsWith("differs") && c.differing().equals(outputs)
                    ? null
                    : "expected exactly " + outputs + " to differ";
        }
    }

    /**
     * Where ORT needs a size that neither the file nor its truth gives: the names modelcost gives the files' unnamed
     * input axes (INPUT.dimK), with a size the model can run with.
     */
    private static final Map<String, Map<String, Long>> UNNAMED_DIM_VALUES = Map.of(
            // the trees split on feature ids up to 19: ORT refuses fewer than 20 input columns
            "skl_treecl.onnx", Map.of("input.dim1", 20L),
            // the frame count T (a -1 in the file): 100 frames, more than the convolution's kernel of 3
            "tract_qtdnn_qlinearconv.onnx", Map.of("input.dim0", 100L));

    @Test
    void onnxRuntimeOutputShapesEqualTheInferredOnes() throws Exception {
        Path corpus = Prerequisites.corpus("onnx");
        Path ort = OnnxRuntimeNode.installed();
        List<Path> models = new ArrayList<>();
        for (String folder : List.of("real", "torchvision")) {
            try (Stream<Path> s = Files.list(corpus.resolve(folder))) {
                s.filter(p -> p.toString().endsWith(".onnx")).sorted().forEach(models::add);
            }
        }
        assertTrue(models.size() >= 19, "expected the 15 onnx/real and 4 torchvision models, found " + models.size());
        Map<String, String> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path model : models) {
            String name = model.getFileName().toString();
            Map<String, Long> dims = dimsFor(model);
            dims.putAll(UNNAMED_DIM_VALUES.getOrDefault(name, Map.of()));
            OrtComparison c = OrtComparison.of(model, dims, 1L, ort);
            String outcome = c.outcome();
            outcomes.put(name, outcome);
            Expected e = NOT_AGREEING.get(name);
            String problem = e == null ? null : e.check(c);
            if (e == null && !outcome.equals(OrtComparison.AGREE)) {
                problems.add(name + ": " + outcome);
            } else if (e != null && outcome.equals(OrtComparison.AGREE)) {
                problems.add(name + ": agrees now; remove it from NOT_AGREEING (" + e.cause() + ")");
            } else if (problem != null) {
                problems.add(name + ": " + problem + " (" + e.cause() + "), got " + outcome);
            }
        }
        outcomes.forEach((file, outcome) -> System.out.printf("%-40s %s%n", file, outcome));
        assertEquals(List.of(), problems);
    }

    /** The --dim values the truth's facts are stated under (the first fact that names options), by symbol. */
    static Map<String, Long> dimsFor(Path model) throws IOException {
        Map<String, Long> dims = new LinkedHashMap<>();
        String name = model.getFileName().toString();
        Path truth = model.resolveSibling(name + ".truth.json");
        if (!Files.exists(truth)) {
            return dims;
        }
        JsonNode expected = new ObjectMapper().readTree(truth.toFile()).path("expected");
        for (JsonNode fact : expected) {
            if (fact.has("modelcost_options") && dims.isEmpty()) {
                String[] words = fact.get("modelcost_options").asText().trim().split("\\s+");
                for (int i = 0; i + 1 < words.length; i += 2) {
                    if (words[i].equals("--dim")) {
                        String[] kv = words[i + 1].split("=");
                        dims.put(kv[0], Long.parseLong(kv[1]));
                    }
                }
            }
        }
        return dims;
    }
}
