package dev.modelcost.cli.format;

import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.RuntimeTerm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A runtime profile's prediction as rows {what, bytes, note}, explain-style: the ideal figure, one row per mechanism
 * (what it adds with the rows above it applied), and the runtime's figure, which they add up to. The words for each
 * core term key live here; docs/memory.md defines each rule.
 */
final class RuntimeRows {
    /** One row: its name, its bytes (a signed change for a term), and what it is. */
    record Row(String what, long bytes, String note, boolean term) {}

    /** Which figure a prediction is of: its words in the heading, and the ideal row's name and note. */
    record Figure(String heading, String idealWhat, String idealNote) {}

    static final Figure INFERENCE = new Figure(
            "peak beyond the inputs the caller holds",
            "ideal peak",
            "the ideal liveness peak: every value freed after its last reader");
    static final Figure TRAINING = new Figure(
            "training step, first-step peak",
            "ideal first step",
            "the ideal step of the exported graph (docs/memory.md, \"Training\")");

    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("valuesNotAllocated", new String[] {
                "values not allocated", "computed from stored tensors alone: folded at load, or eager parameters"
            }),
            Map.entry("moduleArguments", new String[] {
                "module arguments held", "Python keeps a module's input referenced until its forward returns"
            }),
            Map.entry(
                    "linearBiasInPlace",
                    new String[] {"Linear bias in place", "MatMul + Add of a stored bias is one addmm kernel"}),
            Map.entry(
                    "siluInPlace",
                    new String[] {"SiLU in place", "Mul(x, Sigmoid(x)) is nn.SiLU(inplace=True), which overwrites x"}),
            Map.entry("batchNormUnfused", new String[] {
                "BatchNorm kept unfused",
                "the exporter folded BatchNorm into the convolution; eager PyTorch runs it: one more tensor of "
                        + "its size (in training also kept for backward)"
            }),
            Map.entry("batchNormStatistics", new String[] {
                "BatchNorm statistics", "each BatchNorm call's per-channel mean and inverse deviation"
            }),
            Map.entry("convolutionOutputCopy", new String[] {
                "convolution output copy", "oneDNN writes its blocked result, then copies it into the returned tensor"
            }),
            Map.entry("convolutionWeightReorder", new String[] {
                "oneDNN weight reorder", "the weights copied into oneDNN's blocked layout at every call"
            }),
            Map.entry("convolutionInputReorder", new String[] {
                "oneDNN input reorder", "an input of 16 or more channels copied into the blocked layout"
            }),
            Map.entry(
                    "convolutionStridedScratch",
                    new String[] {"strided 1x1 scratch", "a strided 1x1 convolution gathers its input pixels first"}),
            Map.entry(
                    "convolutionColumns",
                    new String[] {"im2col columns", "PyTorch's own convolution kernel expands its input into columns"}),
            Map.entry(
                    "maxPoolIndices",
                    new String[] {"MaxPool indices", "max_pool2d computes int64 argmax indices even without grad"}),
            Map.entry("autogradInputCopies", new String[] {
                "saved tensors as autograd keeps them", "ReLU6 (hardtanh_) keeps a copy of its input for backward"
            }),
            Map.entry("optimizerTemporaries", new String[] {
                "optimizer update temporaries", "Adam's sqrt and division: two tensors of the largest parameter's size"
            }),
            Map.entry("ortInPlace", new String[] {
                "in-place kernels", "ONNX Runtime writes elementwise results into an input that dies there"
            }),
            Map.entry("nchwcLayout", new String[] {
                "NCHWc layout",
                "blocked convolutions pad channels to 16; ReorderInput/ReorderOutput copies between layouts"
            }),
            Map.entry(
                    "convolutionWorkingBuffers",
                    new String[] {"convolution working buffers", "MLAS im2col buffer of a plain-layout convolution"}),
            Map.entry("arenaFirstRun", new String[] {
                "arena planning rounding",
                "the arena grows by power-of-two regions and keeps them; pages the first run touched stay resident"
            }),
            Map.entry("memoryPatternSecondRun", new String[] {
                "memory pattern block", "from the second run, one block of the planned size beside the arena's chunks"
            }));

    private RuntimeRows() {}

    /** "Runtime pytorch: peak beyond the inputs the caller holds, at NODE" and the like. */
    static String heading(RuntimeEstimate e, Figure figure) {
        return String.format(
                Locale.ROOT,
                "Runtime %s: %s %s bytes = %s%s (docs/memory.md, \"Runtime profiles\")",
                e.runtime(),
                figure.heading(),
                TextReportFormatter.n(e.bytes()),
                ByteUnits.both(e.bytes()),
                e.peakAt().isEmpty() ? "" : ", at " + e.peakAt());
    }

    static List<Row> of(RuntimeEstimate e, Figure figure) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(figure.idealWhat(), e.idealBytes(), figure.idealNote(), false));
        for (RuntimeTerm t : e.terms()) {
            String[] w = WORDS.getOrDefault(t.key(), new String[] {t.key(), ""});
            rows.add(new Row(w[0], t.bytes(), w[1], true));
        }
        rows.add(new Row(
                e.runtime() + " figure",
                e.bytes(),
                "each line above is what that mechanism adds with the lines before it applied",
                false));
        return rows;
    }

    /** "+1,234" / "-1,234" for a term, "1,234" otherwise. */
    static String bytes(Row r) {
        return (r.term() && r.bytes() >= 0 ? "+" : "") + TextReportFormatter.n(r.bytes());
    }
}
