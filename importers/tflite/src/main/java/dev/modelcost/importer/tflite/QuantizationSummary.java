package dev.modelcost.importer.tflite;

import java.util.Map;
import java.util.TreeMap;

/**
 * One line on the model's quantization: stored tensors with scales and zero points by element type, how many of
 * them per axis (per output channel), and how many activations carry quantization parameters.
 */
final class QuantizationSummary {
    private QuantizationSummary() {}

    static String of(TfliteModel model) {
        Map<String, long[]> stored = new TreeMap<>(); // dtype -> {tensors, per-axis}
        long activations = 0;
        for (TfliteModel.Subgraph sg : model.subgraphs()) {
            for (TfliteModel.Tensor t : sg.tensors()) {
                TfliteModel.Quantization q = t.quantization();
                if (q == null || q.scales() == 0) {
                    continue;
                }
                boolean constant = t.buffer() < model.buffers().size()
                        && !model.buffers().get((int) t.buffer()).isEmpty();
                if (!constant) {
                    activations++;
                    continue;
                }
                long[] c = stored.computeIfAbsent(t.dtype().shortName(), k -> new long[2]);
                c[0]++;
                c[1] += q.perAxis() ? 1 : 0;
            }
        }
        if (stored.isEmpty() && activations == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        stored.forEach((dtype, c) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(c[0])
                .append(' ')
                .append(dtype)
                .append(" stored tensors with scales and zero points (")
                .append(c[1])
                .append(" per axis)"));
        return sb.append(sb.length() == 0 ? "" : "; ")
                .append(activations)
                .append(" quantized activations")
                .toString();
    }
}
