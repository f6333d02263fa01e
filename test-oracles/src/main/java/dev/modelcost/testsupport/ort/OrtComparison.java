package dev.modelcost.testsupport.ort;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.Report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model: modelcost's inferred output shapes against the shapes onnxruntime produced. {@code outcome} is one line
 * ("agree", "differs: ...", "ORT refuses: ...", "not run: ..."); {@code differing} names the outputs that differ.
 */
public record OrtComparison(String outcome, List<String> differing) {
    public static final String AGREE = "agree";

    OrtComparison(String outcome) {
        this(outcome, List.of());
    }

    private static final Map<DType, String> ORT_TYPES = Map.ofEntries(
            Map.entry(DType.FLOAT32, "float32"),
            Map.entry(DType.FLOAT64, "float64"),
            Map.entry(DType.FLOAT16, "float16"),
            Map.entry(DType.INT64, "int64"),
            Map.entry(DType.INT32, "int32"),
            Map.entry(DType.INT16, "int16"),
            Map.entry(DType.INT8, "int8"),
            Map.entry(DType.UINT64, "uint64"),
            Map.entry(DType.UINT32, "uint32"),
            Map.entry(DType.UINT16, "uint16"),
            Map.entry(DType.UINT8, "uint8"),
            Map.entry(DType.BOOL, "bool"),
            Map.entry(DType.STRING, "string"));

    /**
     * Runs the model through modelcost (with {@code dims}) and onnxruntime (with the inputs modelcost resolved, dims
     * modelcost leaves unknown set to {@code unnamedDim}; zeros, but an attention mask all ones, since attention
     * kernels refuse an all-zero mask) and compares every output.
     */
    public static OrtComparison of(Path model, Map<String, Long> dims, long unnamedDim, Path ort)
            throws IOException, InterruptedException {
        Report r = inspect(model, dims);
        StringBuilder spec = new StringBuilder("[");
        for (ValueInfo in : r.inputs()) {
            String type = ORT_TYPES.get(in.type().dtype());
            if (!in.isTensor() || type == null || !in.type().shape().hasRank()) {
                return new OrtComparison("not run: input '" + in.name() + "' is "
                        + (in.isTensor()
                                ? in.type().dtype().shortName() + " "
                                        + in.type().shape()
                                : in.container().text()));
            }
            List<String> sizes = new ArrayList<>();
            for (Dim d : in.type().shape().dims()) {
                sizes.add(Long.toString(d instanceof Dim.Fixed f ? f.size() : unnamedDim));
            }
            spec.append(spec.length() > 1 ? "," : "")
                    .append("{\"name\":")
                    .append(quote(in.name()))
                    .append(",\"dtype\":\"")
                    .append(type)
                    .append("\",\"dims\":[")
                    .append(String.join(",", sizes))
                    .append("]")
                    .append(in.name().contains("attention_mask") ? ",\"fill\":1}" : "}");
        }
        OnnxRuntimeNode.Result ran =
                OnnxRuntimeNode.run(ort, model, spec.append(']').toString());
        if (!ran.ran()) {
            return new OrtComparison("ORT refuses: " + ran.error());
        }
        List<String> differences = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ValueInfo out : r.outputs()) {
            List<Long> real = ran.outputs().get(out.name());
            String inferred = out.isTensor()
                    ? out.type().shape().toString()
                    : out.container().text();
            if (real == null) {
                differences.add(out.name() + " ORT gave no tensor, modelcost " + inferred);
                names.add(out.name());
            } else if (!out.isTensor() || !matches(out.type().shape(), real)) {
                differences.add(out.name() + " ORT " + real + ", modelcost " + inferred);
                names.add(out.name());
            }
        }
        return new OrtComparison(differences.isEmpty() ? AGREE : "differs: " + String.join("; ", differences), names);
    }

    /**
     * modelcost's shapes for a model: every symbol of its inputs fixed (the given dims, others 1), a batch the file
     * fixes kept as it is (ORT takes the declared sizes only).
     */
    public static Report inspect(Path model, Map<String, Long> dims) throws IOException {
        Report first = ModelCost.standard().inspect(model, new Assumptions(1, dims, null).withBatchAsStored());
        Map<String, Long> all = new LinkedHashMap<>(dims);
        for (ValueInfo in : first.inputs()) {
            for (Dim d : in.type().shape().hasRank() ? in.type().shape().dims() : List.<Dim>of()) {
                if (d instanceof Dim.Symbolic s) {
                    all.putIfAbsent(s.name(), 1L);
                }
            }
        }
        return all.equals(dims)
                ? first
                : ModelCost.standard().inspect(model, new Assumptions(1, all, null).withBatchAsStored());
    }

    private static boolean matches(Shape inferred, List<Long> real) {
        if (!inferred.hasRank() || inferred.rank() != real.size()) {
            return false;
        }
        for (int i = 0; i < real.size(); i++) {
            if (!(inferred.dim(i) instanceof Dim.Fixed f) || f.size() != real.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
