package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LayerRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.modelcost.onnx.RealOnnxFilesTest.role;
import static dev.modelcost.onnx.RealOnnxFilesTest.roleNamed;
import static dev.modelcost.onnx.RealOnnxFilesTest.same;
import static dev.modelcost.onnx.RealOnnxFilesTest.shape;

/**
 * How each {@code expected} fact of onnx/real is checked, keyed "file/fact". Figures come from the truth file;
 * where the truth states a formula in an unknown dimension, the check says how it reads it. Shapes are per sample:
 * a leading batch symbol of the truth ("batch", "batch_size") is 1 in the report (--batch scales the figures).
 */
final class RealOnnxFacts {
    private static final String GPT2 = "genai_tiny_gpt2_past_fp32.onnx/";
    private static final String QWEN = "genai_tiny_qwen35_fp16.onnx/";
    private static final String SCATTER = "genai_static_scatter_opset24.onnx/";
    private static final String NBITS = "tract_matmulnbits_2bit.onnx/";
    private static final String TDNN = "tract_qtdnn_qlinearconv.onnx/";
    private static final String MINILM = "all_minilm_l6_v2_q.onnx/";
    private static final String SILERO = "silero_vad_half.onnx/";
    private static final String NODATA = "silero_vad_op18_ifless_v1_nodata.onnx/";
    private static final String ULTRA = "ultraface_slim320.onnx/";

    private RealOnnxFacts() {}

    static List<Path> truthFiles() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.root().resolve("onnx/real"))) {
            return s.filter(p -> p.toString().endsWith(".onnx.truth.json"))
                    .sorted()
                    .toList();
        }
    }

    static Map<String, RealOnnxFilesTest.FactCheck> all() {
        Map<String, RealOnnxFilesTest.FactCheck> f = new LinkedHashMap<>();
        // GPT-2 with past: Attention rows, present outputs, FastGelu bias, SkipLayerNorm output 3
        f.put(GPT2 + "attention_macs_per_layer", (r, v) -> allRows(r.layersOf("Attention"), 5, v.asLong()));
        f.put(GPT2 + "present_shape_each", (r, v) -> eachOutput(r, "present_", 5, shape(v)));
        f.put(GPT2 + "fastgelu_bias_is_parameter", (r, v) -> {
            Tensor t = r.roles().get(v.get("tensor").asText());
            return t == null
                    ? "no tensor"
                    : same(
                            v.get("elements").asLong() + " "
                                    + roleNamed(v.get("role").asText()),
                            t.elementCount().getAsLong() + " " + t.declaredRole());
        });
        f.put(
                GPT2 + "parameters_total",
                (r, v) -> same(v.asLong(), r.report().parameters().total()));
        f.put(GPT2 + "skiplayernorm_output3_shape", (r, v) -> output3OfSkipLayerNorms(r, shape(v)));
        // Qwen-style GQA decoder, fp16
        f.put(
                QWEN + "gqa_0_output_shape",
                (r, v) -> same(shape(v), r.layer("GQA_0").output().shape()));
        f.put(
                QWEN + "l0.o_matmul_macs",
                (r, v) -> same(v.asLong(), r.layer("l0.o").macs()));
        f.put(QWEN + "skiplayernorm_output3_shape", (r, v) -> output3OfSkipLayerNorms(r, shape(v)));
        f.put(QWEN + "logits_shape", (r, v) -> same(shape(v), r.output("logits")));
        f.put(QWEN + "present_shape_each", (r, v) -> eachOutput(r, "present.", 4, shape(v)));
        // opset-24 decoder: four standard ops, their shapes and the attention MACs
        f.put(SCATTER + "standard_ops_not_unknown", (r, v) -> {
            List<String> unknown = new ArrayList<>();
            for (JsonNode op : v) {
                String name = op.asText().replaceAll(" \\(.*", "");
                if (r.report().diagnostics().stream()
                        .anyMatch(d -> d.message().startsWith("unknown operator")
                                && d.message().contains(name))) {
                    unknown.add(name);
                }
            }
            return unknown.isEmpty() ? null : "unknown: " + unknown;
        });
        // RMSNormalization and Attention rows have the stated shape; each RotaryEmbedding keeps its input's shape
        // (the query's is the stated one, the key's is [batch, sequence_len, 32])
        f.put(SCATTER + "rmsnorm_rotary_attention_output_shape", (r, v) -> {
            Shape want = perSample(shape(v));
            List<String> bad = new ArrayList<>();
            for (String op : List.of("RMSNormalization", "Attention")) {
                for (LayerRow row : r.layersOf(op)) {
                    if (!want.equals(row.output().shape())) {
                        bad.add(row.name() + " " + row.output().shape());
                    }
                }
            }
            var types = r.types();
            for (Node n : r.nodesOf("RotaryEmbedding")) {
                Shape in = types.typeOf(n.input(0)).shape();
                if (!in.hasRank() || !in.equals(types.typeOf(n.outputs().get(0)).shape())) {
                    bad.add(n.label() + " " + types.typeOf(n.outputs().get(0)).shape() + " from " + in);
                }
            }
            return bad.isEmpty() ? null : "expected " + want + ": " + bad;
        });
        f.put(SCATTER + "updated_cache_shape", (r, v) -> {
            Shape want = perSample(shape(v));
            List<String> bad = new ArrayList<>();
            for (LayerRow row : r.layersOf("TensorScatter")) {
                if (!want.equals(row.output().shape())) {
                    bad.add(row.name() + " " + row.output().shape());
                }
            }
            return r.layersOf("TensorScatter").isEmpty()
                    ? "no TensorScatter"
                    : bad.isEmpty() ? null : "expected " + want + ": " + bad;
        });
        // "2048 x sequence_len": checked at sequence_len = 3, so 6,144 MACs per Attention node
        f.put(SCATTER + "attention_macs_per_node", (r, v) -> {
            r.dims.put("sequence_len", 3L);
            return allRows(r.layersOf("Attention"), -1, 2048 * 3);
        });
        // MatMulNBits, 2-bit
        f.put(
                NBITS + "logical_weights",
                (r, v) -> same(v.asLong(), r.report().parameters().role(TensorRole.WEIGHT)));
        f.put(NBITS + "scales", (r, v) -> {
            Tensor scales = r.roles().get(r.nodesOf("MatMulNBits").get(0).input(2));
            return scales == null
                    ? "no scales"
                    : same(
                            v.asLong() + " quantization",
                            scales.elementCount().getAsLong() + " "
                                    + scales.declaredRole().jsonName());
        });
        f.put(NBITS + "zero_points_bytes", (r, v) -> {
            Tensor zp = r.roles().get(r.nodesOf("MatMulNBits").get(0).input(3));
            return zp == null
                    ? "no zero points"
                    : same(
                            v.asLong() + " quantization",
                            zp.storage().lengthBytes() + " " + zp.declaredRole().jsonName());
        });
        f.put(
                NBITS + "macs",
                (r, v) -> same(
                        v.asLong() + " complete",
                        r.report().macs() + (r.report().macsComplete() ? " complete" : " partial")));
        f.put(
                NBITS + "output_shape",
                (r, v) -> same(shape(v), r.report().outputs().get(0).type().shape()));
        // QLinearConv TDNN: int32 bias, int8 kernel, a leading -1 that is time
        f.put(
                TDNN + "int32_bias_role",
                (r, v) -> role(
                        r.roles(),
                        v.get("tensor").asText(),
                        roleNamed(v.get("role").asText())));
        f.put(TDNN + "weights", (r, v) -> {
            Tensor t = r.roles().get(v.get("tensor").asText());
            return t == null
                    ? "no tensor"
                    : same(
                            v.get("elements").asLong() + " weight",
                            t.elementCount().getAsLong() + " "
                                    + t.declaredRole().jsonName());
        });
        // the -1 axis is the frame count T: the report must not fix it (to the batch 1 or to 0)
        f.put(TDNN + "leading_dim_is_time", (r, v) -> {
            Dim d = r.report().inputs().get(0).type().shape().dim(0);
            return d.isFixed() ? "the time axis was fixed to " + d : null;
        });
        // "[T - 2, 5]": the frame axis stays unknown or symbolic (never a size), the channel axis is 5
        f.put(TDNN + "output_shape", (r, v) -> {
            Shape s = r.report().outputs().get(0).type().shape();
            return s.hasRank()
                            && s.rank() == 2
                            && !s.dim(0).isFixed()
                            && s.dim(1).equals(Dim.of(5))
                    ? null
                    : "got " + s;
        });
        // "150 x (T - 2)": unknown while T is, never an exact total
        f.put(
                TDNN + "macs",
                (r, v) -> r.report().macsComplete()
                        ? "MACs reported exact: " + r.report().macs()
                        : null);
        // dynamic-quantized MiniLM
        f.put(MINILM + "architecture_parameters", (r, v) -> {
            var p = r.report().parameters();
            return same(
                    v.asLong(),
                    p.role(TensorRole.WEIGHT) + p.role(TensorRole.BIAS) + p.role(TensorRole.NORM_SCALE_SHIFT));
        });
        f.put(MINILM + "quantized_weight_elements", (r, v) -> {
            long n = 0;
            for (Node mm : r.nodesOf("MatMulInteger")) {
                Tensor w = r.roles().get(mm.input(1));
                n += w != null && w.declaredRole() == TensorRole.WEIGHT
                        ? w.elementCount().getAsLong()
                        : 0;
            }
            return same(v.asLong(), n);
        });
        f.put(
                MINILM + "bias_elements",
                (r, v) -> same(v.asLong(), r.report().parameters().role(TensorRole.BIAS)));
        // per-channel (more than one element) float tensors of the quantization role are the 36 weight scales, and
        // the MatMulInteger zero points (input 3) share their role
        f.put(MINILM + "per_channel_weight_scales", (r, v) -> {
            var roles = r.roles();
            long scales = roles.values().stream()
                    .filter(t -> t.declaredRole().jsonName().equals("quantization")
                            && t.dtype().isFloating()
                            && t.elementCount().getAsLong() > 1)
                    .mapToLong(t -> t.elementCount().getAsLong())
                    .sum();
            List<String> zeroPoints = new ArrayList<>();
            for (Node mm : r.nodesOf("MatMulInteger")) {
                Tensor zp = roles.get(mm.input(3));
                if (zp != null && !zp.declaredRole().jsonName().equals("quantization")) {
                    zeroPoints.add(zp.name() + " " + zp.declaredRole());
                }
            }
            return zeroPoints.isEmpty() ? same(v.asLong(), scales) : "zero points not quantization: " + zeroPoints;
        });
        f.put(
                MINILM + "macs",
                (r, v) -> same(
                        v.asLong() + " complete",
                        r.report().macs() + (r.report().macsComplete() ? " complete" : " partial")));
        f.put(MINILM + "last_hidden_state_shape", (r, v) -> same(perSample(shape(v)), r.output("last_hidden_state")));
        // silero VAD
        f.put(SILERO + "pad_pads", (r, v) -> {
            Node pad = r.nodesOf("Pad").stream()
                    .filter(n -> n.name().equals("/stft/padding/Pad"))
                    .findFirst()
                    .orElseThrow();
            var vals = r.types().valuesOf(pad.input(1));
            return vals.isEmpty()
                    ? "pads not computed"
                    : same(v.toString(), Arrays.toString(vals.get().longs()).replace(" ", ""));
        });
        f.put(SILERO + "pad_output_shape", (r, v) -> {
            Node pad = r.nodesOf("Pad").stream()
                    .filter(n -> n.name().equals("/stft/padding/Pad"))
                    .findFirst()
                    .orElseThrow();
            return same(shape(v), r.types().typeOf(pad.outputs().get(0)).shape());
        });
        f.put(SILERO + "lstm_weights_role", (r, v) -> {
            List<String> bad = new ArrayList<>();
            for (Tensor t : r.roles().values()) {
                if (t.name().contains("lstm")
                        && t.name().contains("weight")
                        && t.declaredRole() != roleNamed(v.asText())) {
                    bad.add(t.name() + " " + t.declaredRole());
                }
            }
            return bad.isEmpty() ? null : bad.toString();
        });
        f.put(NODATA + "missing_external_file", (r, v) -> {
            String loc = v.get("location").asText();
            boolean named = r.report().diagnostics().stream()
                    .map(Diagnostic::message)
                    .anyMatch(m -> m.contains(loc)
                            && m.contains(
                                    String.format("%,d", v.get("declared_bytes").asLong())));
            return named ? null : "no diagnostic names " + loc + " and its " + v.get("declared_bytes") + " bytes";
        });
        f.put(
                NODATA + "explain_must_flag_missing_file",
                (r, v) -> same(0L, r.report().ledger().unexplainedBytes()));
        f.put(
                NODATA + "stored_elements_from_dims",
                (r, v) -> same(
                        v.asLong(),
                        r.report().parameters().total()
                                + r.report().parameters().constantElements()));
        // classic ML
        f.put("onnxmltools_coreml_onehot.onnx/ops_that_must_be_known", RealOnnxFacts::known);
        f.put("skl_dictvectorizer.onnx/ops_that_must_be_known", RealOnnxFacts::known);
        // the truth writes ONNX's element names upper case
        f.put("skl_dictvectorizer.onnx/input_type", (r, v) -> {
            var in = r.report().inputs().get(0);
            return in.container() != null
                            && v.asText().equalsIgnoreCase(in.container().text())
                    ? null
                    : "got "
                            + (in.container() == null
                                    ? in.type()
                                    : in.container().text());
        });
        f.put(
                "skl_treecl.onnx/tensor_parameters",
                (r, v) -> same(
                        v.asLong(),
                        r.roles().values().stream()
                                .filter(t -> t.declaredRole().isParameter())
                                .count()));
        // controls
        f.put("mnist_cntk.onnx/macs", (r, v) -> same(v.asLong(), r.report().macs()));
        f.put(
                "mnist_cntk.onnx/reshaped_matmul_weight",
                (r, v) -> role(
                        r.roles(),
                        v.get("tensor").asText(),
                        roleNamed(v.get("role").asText())));
        f.put(
                "tract_keras_tf2_tf2onnx.onnx/macs",
                (r, v) -> same(v.asLong(), r.report().macs()));
        f.put(ULTRA + "prior_buffers", (r, v) -> {
            List<String> bad = new ArrayList<>();
            for (JsonNode t : v.get("tensors")) {
                String name = t.asText().split(" ")[0];
                Tensor tensor = r.roles().get(name);
                if (tensor == null || tensor.declaredRole().isParameter()) {
                    bad.add(name + " " + (tensor == null ? "absent" : tensor.declaredRole()));
                }
            }
            return bad.isEmpty() ? null : "parameters: " + bad;
        });
        f.put(
                ULTRA + "parameters_excluding_priors",
                (r, v) -> same(v.asLong(), r.report().parameters().total()));
        f.put(ULTRA + "macs", (r, v) -> same(v.asLong(), r.report().macs()));
        return f;
    }

    private static String known(RealOnnxFilesTest.Run r, JsonNode ops) throws Exception {
        List<String> unknown = new ArrayList<>();
        for (JsonNode op : ops) {
            if (r.report().diagnostics().stream()
                    .anyMatch(d -> d.message().contains("unknown operator")
                            && d.message().contains(op.asText()))) {
                unknown.add(op.asText());
            }
        }
        return unknown.isEmpty() ? null : "unknown: " + unknown;
    }

    /** The truth's shape with its leading batch symbol read per sample. */
    static Shape perSample(Shape s) {
        return s.rank() > 0
                        && s.dim(0) instanceof Dim.Symbolic sym
                        && sym.name().startsWith("batch")
                ? s.with(0, Dim.of(1))
                : s;
    }

    private static String allRows(List<LayerRow> rows, int count, long macs) {
        if (rows.isEmpty() || count >= 0 && rows.size() != count) {
            return rows.size() + " rows";
        }
        List<String> bad = new ArrayList<>();
        for (LayerRow row : rows) {
            if (row.macs() == null || row.macs() != macs) {
                bad.add(row.name() + " " + row.macs());
            }
        }
        return bad.isEmpty() ? null : "expected " + macs + ": " + bad;
    }

    private static String eachOutput(RealOnnxFilesTest.Run r, String prefix, int count, Shape want) throws Exception {
        List<String> bad = new ArrayList<>();
        int seen = 0;
        for (var o : r.report().outputs()) {
            if (o.name().startsWith(prefix)) {
                seen++;
                if (!want.equals(o.type().shape())) {
                    bad.add(o.name() + " " + o.type().shape());
                }
            }
        }
        return seen != count ? seen + " outputs" : bad.isEmpty() ? null : "expected " + want + ": " + bad;
    }

    private static String output3OfSkipLayerNorms(RealOnnxFilesTest.Run r, Shape want) throws Exception {
        var types = r.types();
        List<String> bad = new ArrayList<>();
        for (Node n : r.nodesOf("SkipLayerNormalization")) {
            if (n.outputs().size() > 3
                    && !n.outputs().get(3).isEmpty()
                    && !want.equals(types.typeOf(n.outputs().get(3)).shape())) {
                bad.add(n.label() + " " + types.typeOf(n.outputs().get(3)).shape());
            }
        }
        return bad.isEmpty() ? null : "expected " + want + ": " + bad;
    }
}
