package dev.modelcost.cli.format;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.KvCacheSummary;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.TrainingSummary;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The human report: assumptions first, the layer table, totals with their definitions, the ledger in a paragraph. */
public final class TextReportFormatter implements ReportFormatter {
    private final FormatOptions options;

    public TextReportFormatter() {
        this(FormatOptions.of(OutputFormat.text));
    }

    public TextReportFormatter(FormatOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report r, PrintWriter out) {
        out.printf(
                "%s  (%s, %s bytes = %s)%n",
                r.model().path(),
                r.model().format(),
                n(r.model().fileBytes()),
                ByteUnits.both(r.model().fileBytes()));
        DType d = r.assumptions().activationDType();
        out.printf(
                "Assumptions: batch %s; dtypes %s; symbolic dims %s%s; %s%n",
                BatchWords.batch(r.assumptions()),
                d == null ? "as stored" : d.shortName(),
                !r.assumptions().dimValues().isEmpty()
                        ? r.assumptions().dimValues()
                        : r.assumptions().batch() == 1 && r.shapeSamples() == 1
                                ? "per sample (batch dim = 1), others as declared"
                                : "as declared",
                BatchWords.shapes(r),
                r.assumptions().training() == null
                        ? "inference"
                        : "training with "
                                + r.assumptions().training().optimizer().cliName());
        out.println("Inputs:  " + values(r.inputs()));
        out.println("Outputs: " + values(r.outputs()));
        out.println();
        TextLayerTable.print(r, options, out);
        parameters(r.parameters(), out);
        if (!r.macsComplete() && r.macs() == 0) {
            out.println("MACs: unknown (no node's MACs could be counted; see the diagnostics)");
        } else {
            out.printf(
                    "MACs: %s per sample%s%s (FLOPs ~= 2 x MACs = %s)%n",
                    atLeast(r.macsComplete(), r.macs()),
                    r.macsComplete() ? "" : " (lower bound: some unknown)",
                    BatchWords.forTheBatch(r.assumptions(), r.macs()),
                    atLeast(r.macsComplete(), 2 * r.macs()));
        }
        activations(r.activations(), out);
        runtime(r.activations().runtime(), RuntimeRows.INFERENCE, out);
        out.println(MemoryToRun.sentence(r));
        if (r.training() != null) {
            training(r.training(), out);
            runtime(r.training().runtime(), RuntimeRows.TRAINING, out);
        }
        if (r.kvCache() != null) {
            kvCache(r.kvCache(), out);
        }
        ledger(r, out);
        if (!r.diagnostics().isEmpty()) {
            out.println();
            out.println("Diagnostics:");
            for (Diagnostic diag : r.diagnostics()) {
                out.println("  " + diag.severity().name().toLowerCase(Locale.ROOT) + ": " + diag.message());
            }
        }
        out.flush();
    }

    private static void parameters(ParameterSummary p, PrintWriter out) {
        List<String> roles = new ArrayList<>();
        RoleWords.inSummary(p).forEach(role -> roles.add(RoleWords.of(role) + " " + n(p.role(role))));
        out.printf("Parameters: %s = %s%n", n(p.total()), String.join(" + ", roles));
        List<String> dtypes = new ArrayList<>();
        p.elementsByDType().forEach((k, v) -> dtypes.add(k.shortName() + " " + n(v)));
        out.printf(
                "  trainable %s, non-trainable %s; %s bytes = %s as stored (%s)%n",
                n(p.trainable()),
                n(p.nonTrainable()),
                n(p.storedBytes()),
                ByteUnits.both(p.storedBytes()),
                String.join(", ", dtypes));
        if (!p.elementsByBlockFormat().isEmpty()) {
            List<String> blocks = new ArrayList<>();
            p.elementsByBlockFormat().forEach((k, v) -> blocks.add(k + " " + n(v)));
            out.printf(
                    "  of which stored in quantized blocks (%s): bytes packed as stored; %s bytes dequantized%n",
                    String.join(", ", new TreeSet<>(blocks)), n(p.logicalBytes()));
        }
        if (p.constantElements() > 0) {
            out.printf(
                    "  plus %s constant elements (%s bytes: shapes, indices, thresholds%s), not parameters%n",
                    n(p.constantElements()),
                    n(p.constantBytes()),
                    p.bufferElements() == 0
                            ? ""
                            : "; " + n(p.bufferElements()) + " of them (" + n(p.bufferBytes())
                                    + " bytes) buffers: anchor/prior boxes");
        }
    }

    private static void activations(ActivationSummary a, PrintWriter out) {
        String bound = a.complete() ? "" : " (lower bound: some shapes unknown)";
        out.printf(
                "Activations per sample: %s values = %s bytes = %s: the Activations column added once "
                        + "(model input + every layer output; in-place ops and views add nothing)%s%n",
                atLeast(a.complete(), a.layerOutputElements()),
                atLeast(a.complete(), a.layerOutputBytes()),
                (a.complete() ? "" : ">= ") + ByteUnits.both(a.layerOutputBytes()),
                bound);
        out.printf(
                "Peak live activations: %s bytes = %s for batch %s = %s fixed + %s x %s bytes per sample "
                        + "(peak after %s; %s bytes beyond the inputs the caller holds)%n",
                atLeast(a.complete(), a.peakLiveBytes()),
                (a.complete() ? "" : ">= ") + ByteUnits.both(a.peakLiveBytes()),
                n(a.batch()),
                n(a.peakLive().fixedBytes()),
                n(a.batch()),
                n(a.peakLive().perSampleBytes()),
                a.peakAfterNode(),
                n(
                        a.runtime() == null
                                ? a.peakLiveBytesBeyondInputs()
                                : a.runtime().idealBytes()));
    }

    /** The figure, or ">= figure" when it is a lower bound. */
    private static String atLeast(boolean complete, long value) {
        return (complete ? "" : ">= ") + n(value);
    }

    private static void training(TrainingSummary t, PrintWriter out) {
        out.printf(
                "Training step: optimizer %s (%d state slot%s per parameter), mixed precision %s, batch %s%s%n",
                t.optimizer(),
                t.optimizerSlots(),
                t.optimizerSlots() == 1 ? "" : "s",
                t.mixedPrecision(),
                n(t.batch()),
                t.complete() ? "" : " (lower bound: some shapes or dtypes unknown)");
        line(out, "parameters", t.parametersBytes(), "every parameter in its working type");
        if (!"off".equals(t.mixedPrecision())) {
            line(out, "master weights", t.masterWeightsBytes(), "fp32 copies of the trainable parameters");
        }
        line(
                out,
                "gradients",
                t.gradientsBytes(),
                "one per trainable parameter, " + n(t.trainableParameters()) + " of them");
        line(out, "optimizer state", t.optimizerStateBytes(), t.optimizerSlots() + " x trainable parameters");
        line(
                out,
                "saved activations",
                t.savedActivationsBytes(),
                n(t.savedActivations().fixedBytes()) + " fixed + " + n(t.batch()) + " x "
                        + n(t.savedActivations().perSampleBytes()) + " per sample, kept from forward for backward");
        line(
                out,
                "peak",
                t.peakBytes(),
                n(t.peak().fixedBytes()) + " fixed + " + n(t.batch()) + " x "
                        + n(t.peak().perSampleBytes()) + " per sample, at " + TrainingSlots.describe(t.peakAt()));
        out.printf(
                "  first step: %s bytes = %s (its optimizer state appears only at the update)%n",
                n(t.firstStepPeakBytes()), ByteUnits.both(t.firstStepPeakBytes()));
        out.println(
                "  Saved activations are what backward keeps, op by op (docs/memory.md); the peak adds the gradients "
                        + "alive at that moment: neither is 'forward activations x 2'.");
    }

    /** The runtime's figure and its terms, one line each; nothing for the ideal profile. */
    private static void runtime(RuntimeEstimate e, RuntimeRows.Figure figure, PrintWriter out) {
        if (e == null) {
            return;
        }
        out.println(RuntimeRows.heading(e, figure));
        for (RuntimeRows.Row row : RuntimeRows.of(e, figure)) {
            out.printf("  %-36s %15s bytes  (%s)%n", row.what(), RuntimeRows.bytes(row), row.note());
        }
    }

    private static void line(PrintWriter out, String what, long bytes, String note) {
        out.printf("  %-18s %15s bytes = %s  (%s)%n", what, n(bytes), ByteUnits.both(bytes), note);
    }

    /** One line: the KV cache per token from the declared shape, the tokens cached, and where memory to run has it. */
    private static void kvCache(KvCacheSummary k, PrintWriter out) {
        TransformerShape s = k.shape();
        String shape = String.format(
                "%s layers x %s KV heads x %s head size, %s",
                n(s.layers()), n(s.kvHeads()), n(s.headDim()), s.cacheDType().shortName());
        String run = !k.contextKnown()
                ? "; no context length declared (--context N gives one)"
                : String.format(
                        "; at %s tokens%s x batch %s: %s bytes = %s, %s",
                        n(k.contextTokens()),
                        k.cachedTokens() < k.contextTokens() ? " (window " + n(k.cachedTokens()) + ")" : "",
                        n(k.batch()),
                        n(k.cacheBytes()),
                        ByteUnits.both(k.cacheBytes()),
                        KvCacheRows.whereCounted(k));
        out.printf("KV cache: %s bytes per token (%s, from %s)%s%n", n(k.bytesPerToken()), shape, s.declaredBy(), run);
    }

    /** One paragraph: where the bytes go, category by category, and whether every byte was explained. */
    private static void ledger(Report r, PrintWriter out) {
        Ledger l = r.ledger();
        StringBuilder sb = new StringBuilder("Where the ")
                .append(n(l.totalBytes()))
                .append(" bytes (")
                .append(ByteUnits.both(l.totalBytes()));
        if (l.externalBytes() > 0) {
            sb.append(": model file ")
                    .append(n(l.fileBytes()))
                    .append(" + external data ")
                    .append(n(l.externalBytes()));
        }
        sb.append(") go:");
        String sep = " ";
        for (Map.Entry<LedgerCategory, Long> e : l.bytesByCategory().entrySet()) {
            sb.append(sep)
                    .append(CATEGORY_WORDS.get(e.getKey()))
                    .append(' ')
                    .append(n(e.getValue()))
                    .append(" bytes");
            long items = l.countIn(e.getKey());
            if (e.getKey() == LedgerCategory.PARAMETERS
                    || e.getKey() == LedgerCategory.CONSTANTS
                    || e.getKey() == LedgerCategory.DUPLICATES) {
                sb.append(" in ").append(n(items)).append(items == 1 ? " tensor" : " tensors");
            }
            sep = ", ";
        }
        for (LedgerEntry e : l.entries()) {
            if (e.storedDiffersFromLogical() && e.category() != LedgerCategory.MISSING_EXTERNAL_DATA) {
                sb.append("; ")
                        .append(e.detail())
                        .append(" takes ")
                        .append(n(e.bytes()))
                        .append(" bytes for ")
                        .append(n(e.logicalBytes()))
                        .append(" bytes of values");
            }
        }
        l.missingFiles().forEach((file, bytes) -> sb.append("; ")
                .append(n(bytes))
                .append(" bytes of payloads are missing: the data file '")
                .append(file)
                .append("' is not there"));
        if (l.unexplainedBytes() != 0) {
            sb.append("; ").append(n(l.unexplainedBytes())).append(" bytes are unexplained.");
        } else {
            sb.append(
                    l.missingBytes() == 0
                            ? "; every byte is accounted for."
                            : "; every byte on disk is accounted for.");
        }
        sb.append(" 'modelcost explain' tells why this is not parameters x 4 bytes.");
        out.println();
        Paragraph.print(out, "", 0, sb.toString());
    }

    private static final Map<LedgerCategory, String> CATEGORY_WORDS = new EnumMap<>(Map.of(
            LedgerCategory.PARAMETERS, "parameters",
            LedgerCategory.CONSTANTS, "constants",
            LedgerCategory.OPTIMIZER_STATE, "optimizer state",
            LedgerCategory.GRAPH_AND_CONFIG, "graph and configuration",
            LedgerCategory.CONTAINER_OVERHEAD, "container overhead (framing, headers)",
            LedgerCategory.DUPLICATES, "duplicate copies",
            LedgerCategory.PADDING_AND_FREE_SPACE, "padding and free space"));

    private static String values(List<ValueInfo> vs) {
        List<String> parts = new ArrayList<>();
        for (ValueInfo v : vs) {
            parts.add(v.name() + " " + Shapes.typeText(v));
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
