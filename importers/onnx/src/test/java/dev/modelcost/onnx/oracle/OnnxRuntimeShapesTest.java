package dev.modelcost.onnx.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.Report;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ONNX Runtime (onnxruntime-node, its CPU binaries) as a second oracle for the onnx/real files: each model runs in a
 * node process of its own on inputs of the shapes modelcost inferred for the fixed dims, and every output's real
 * dims must equal modelcost's (a dim modelcost leaves unknown is fed as 7 and not compared, and named). The folder
 * holding node_modules/onnxruntime-node comes from MODELCOST_ONNXRUNTIME (default ~/.cache/modelcost/onnxruntime);
 * .ci/run installs it there. Files ONNX Runtime cannot run are listed with the reason.
 */
@Tag("oracle")
class OnnxRuntimeShapesTest {
    /** File → --dim values: the truth facts' options, and a size for every symbol they leave open. */
    private static final Map<String, Map<String, Long>> RUNS = new LinkedHashMap<>();
    /** Files ONNX Runtime cannot run as published, and why. */
    private static final Map<String, String> NOT_RUNNABLE = Map.of(
            "silero_vad_op18_ifless_v1_nodata.onnx", "its external data file is absent (the point of the file)",
            "skl_dictvectorizer.onnx", "a map input, which the oracle does not build",
            "superres_prepost_op18.onnx", "com.microsoft.extensions image ops are not in onnxruntime-node",
            "skl_treecl.onnx", "its ZipMap output is a sequence of maps, not a tensor with dims");

    static {
        RUNS.put("all_minilm_l6_v2_q.onnx", Map.of("sequence_length", 16L));
        RUNS.put("genai_static_scatter_opset24.onnx", Map.of("sequence_len", 3L));
        RUNS.put("genai_tiny_gpt2_past_fp32.onnx", Map.of("seq_len", 1L, "total_seq_len", 101L, "past_seq_len", 100L));
        RUNS.put("genai_tiny_qwen35_fp16.onnx", Map.of("seq_len", 8L, "total_seq_len", 8L, "past_seq_len", 0L));
        RUNS.put("mnist_cntk.onnx", Map.of());
        RUNS.put("onnxmltools_coreml_onehot.onnx", Map.of());
        RUNS.put("silero_vad_half.onnx", Map.of("sequence", 512L));
        RUNS.put("tract_keras_tf2_tf2onnx.onnx", Map.of());
        RUNS.put("tract_matmulnbits_2bit.onnx", Map.of());
        RUNS.put("tract_qtdnn_qlinearconv.onnx", Map.of());
        RUNS.put("ultraface_slim320.onnx", Map.of());
    }

    private static final int UNKNOWN_FED_AS = 7;

    @Test
    void everyOutputShapeEqualsOnnxRuntimes() throws Exception {
        Path ort = Path.of(System.getenv().getOrDefault("MODELCOST_ONNXRUNTIME",
                System.getProperty("user.home") + "/.cache/modelcost/onnxruntime"));
        Prerequisites.need(Files.isDirectory(ort.resolve("node_modules/onnxruntime-node")) && node() != null,
                "node and onnxruntime-node in " + ort, "npm install --ignore-scripts --prefix " + ort + " onnxruntime-node@1.31.1");
        Path real = Prerequisites.corpus("onnx/real");
        Path script = Path.of(getClass().getResource("/ort/oracle.js").toURI());
        Path work = Files.createTempDirectory("ort-oracle");
        List<String> failures = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        int compared = 0;
        int outputs = 0;
        for (Map.Entry<String, Map<String, Long>> run : RUNS.entrySet()) {
            Report r = ModelCost.standard().inspect(real.resolve(run.getKey()), new Assumptions(1, run.getValue(), null));
            outputs += r.outputs().size();
            ObjectNode spec = new ObjectMapper().createObjectNode();
            for (ValueInfo in : r.inputs()) {
                ObjectNode s = spec.putObject(in.name());
                s.put("dtype", in.type().dtype().shortName());
                var dims = s.putArray("shape");
                for (Dim d : in.type().shape().dims()) {
                    dims.add(d.isFixed() ? d.size() : UNKNOWN_FED_AS);
                }
            }
            Path specFile = work.resolve(run.getKey() + ".json");
            Files.writeString(specFile, spec.toString());
            JsonNode real0 = runOracle(ort, script, real.resolve(run.getKey()), specFile, failures, run.getKey());
            if (real0 == null) {
                continue;
            }
            for (ValueInfo out : r.outputs()) {
                JsonNode dims = real0.get(out.name());
                Shape ours = out.type().shape();
                if (dims == null || !ours.hasRank() || ours.rank() != dims.size()) {
                    failures.add(run.getKey() + " " + out.name() + ": modelcost " + ours + ", ONNX Runtime " + dims);
                    continue;
                }
                for (int i = 0; i < dims.size(); i++) {
                    if (!ours.dim(i).isFixed()) {
                        notCompared.add(run.getKey() + " " + out.name() + " axis " + i + " (" + ours.dim(i) + ")");
                    } else if (ours.dim(i).size() != dims.get(i).asLong()) {
                        failures.add(run.getKey() + " " + out.name() + ": modelcost " + ours + ", ONNX Runtime " + dims);
                        break;
                    }
                }
                compared++;
            }
        }
        System.out.printf("OnnxRuntimeShapesTest: %d outputs of %d files compared; not compared: %s; not runnable: %s%n",
                compared, RUNS.size(), notCompared, NOT_RUNNABLE.keySet());
        assertEquals(List.of(), failures);
        assertEquals(outputs, compared, "every output of every runnable file compared");
    }

    private static JsonNode runOracle(Path ort, Path script, Path model, Path spec, List<String> failures, String name)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(node(), script.toString(), model.toString(), spec.toString());
        pb.environment().put("NODE_PATH", ort.resolve("node_modules").toString());
        Path out = Files.createTempFile("ort", ".out");
        Path err = Files.createTempFile("ort", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            failures.add(name + ": ONNX Runtime did not finish in 120 s");
            return null;
        }
        if (p.exitValue() != 0) {
            failures.add(name + ": ONNX Runtime failed: " + Files.readString(err, StandardCharsets.UTF_8).strip());
            return null;
        }
        return new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The node executable on PATH, or null. */
    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "node"))) {
                return Path.of(dir, "node").toString();
            }
        }
        return null;
    }
}
