package dev.modelcost.cli.format;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The human report: assumptions first, the layer table, totals with their definitions, the ledger in a paragraph. */
public final class TextReportFormatter implements ReportFormatter {
    private final FormatOptions options;

    public TextReportFormatter() { this(FormatOptions.of(OutputFormat.text)); }

    public TextReportFormatter(FormatOptions options) { this.options = options; }

    @Override
    public void write(Report r, PrintWriter out) {
        out.printf("%s  (%s, %s bytes = %s)%n", r.model().path(), r.model().format(),
                n(r.model().fileBytes()), ByteUnits.both(r.model().fileBytes()));
        DType d = r.assumptions().activationDType();
        out.printf("Assumptions: batch %s; dtypes %s; symbolic dims %s%n", n(r.assumptions().batch()),
                d == null ? "as stored" : d.shortName(),
                r.assumptions().dimValues().isEmpty() ? "per sample (batch dim = 1), others as declared" : r.assumptions().dimValues());
        out.println("Inputs:  " + values(r.inputs()));
        out.println("Outputs: " + values(r.outputs()));
        out.println();
        layerTable(r).print(out);
        out.println();
        parameters(r.parameters(), out);
        out.printf("MACs: %s per sample%s (FLOPs ~= 2 x MACs = %s)%n", n(r.macs()),
                r.macsComplete() ? "" : " (lower bound: some unknown)", n(2 * r.macs()));
        activations(r.activations(), out);
        ledger(r, out);
        if (!r.diagnostics().isEmpty()) {
            out.println();
            out.println("Diagnostics:");
            for (Diagnostic diag : r.diagnostics()) {
                out.println("  " + diag.severity().name().toLowerCase() + ": " + diag.message());
            }
        }
        out.flush();
    }

    private Table layerTable(Report r) {
        Table t = new Table(new String[] {"Layer", "Op", "Output shape", "Activations", "Weights", "Biases", "Other params", "MACs"},
                new boolean[] {false, false, false, true, true, true, true, true});
        LayerTable lt = LayerTable.of(r, options);
        for (LayerTable.Row row : lt.rows()) {
            t.row(row.name(), row.op(), row.shape(), blankIfZero(row.activationElements()), blankIfZero(row.weights()),
                    blankIfZero(row.biases()), blankIfZero(row.otherParameters()), macs(row, false));
        }
        t.rule();
        LayerTable.Row total = lt.total();
        t.row(total.name(), "", "", n(total.activationElements()), n(total.weights()), n(total.biases()),
                n(total.otherParameters()), macs(total, true));
        return t;
    }

    private static String macs(LayerTable.Row row, boolean zeroAsNumber) {
        if (row.macs() == null) {
            return row.op().equals("(input)") ? "" : "?";
        }
        String v = zeroAsNumber ? n(row.macs()) : blankIfZero(row.macs());
        return row.macsLowerBound() ? ">= " + v : v;
    }

    private static void parameters(ParameterSummary p, PrintWriter out) {
        out.printf("Parameters: %s = weights %s + biases %s + norm scale/shift %s + norm statistics %s + other %s%n",
                n(p.total()), n(p.role(TensorRole.WEIGHT)), n(p.role(TensorRole.BIAS)), n(p.role(TensorRole.NORM_SCALE_SHIFT)),
                n(p.role(TensorRole.NORM_STATISTIC)), n(p.role(TensorRole.OTHER_PARAMETER)));
        List<String> dtypes = new ArrayList<>();
        p.elementsByDType().forEach((k, v) -> dtypes.add(k.shortName() + " " + n(v)));
        out.printf("  trainable %s, non-trainable %s; %s bytes = %s as stored (%s)%n", n(p.trainable()),
                n(p.nonTrainable()), n(p.logicalBytes()), ByteUnits.both(p.logicalBytes()), String.join(", ", dtypes));
        if (p.constantElements() > 0) {
            out.printf("  plus %s constant elements (%s bytes: shapes, indices, thresholds), not parameters%n",
                    n(p.constantElements()), n(p.constantBytes()));
        }
    }

    private static void activations(ActivationSummary a, PrintWriter out) {
        String bound = a.complete() ? "" : " (lower bound: some shapes unknown)";
        out.printf("Activations per sample: %s values = %s bytes = %s (model input + every layer output; in-place ops and views add nothing)%s%n",
                n(a.layerOutputElements()), n(a.layerOutputBytes()), ByteUnits.both(a.layerOutputBytes()), bound);
        out.printf("Peak live activations: %s bytes = %s for batch %s (%s bytes per sample; peak after %s)%n",
                n(a.peakLiveBytes()), ByteUnits.both(a.peakLiveBytes()), n(a.batch()), n(a.peakLiveBytesPerSample()), a.peakAfterNode());
    }

    private static void ledger(Report r, PrintWriter out) {
        Map<LedgerCategory, Long> by = new EnumMap<>(LedgerCategory.class);
        for (LedgerEntry e : r.ledger().entries()) {
            by.merge(e.category(), e.bytes(), Long::sum);
        }
        long total = r.ledger().fileBytes() + r.ledger().externalBytes();
        StringBuilder sb = new StringBuilder("File bytes: ").append(n(total));
        if (r.ledger().externalBytes() > 0) {
            sb.append(" (").append(n(r.ledger().fileBytes())).append(" in the model file + ")
                    .append(n(r.ledger().externalBytes())).append(" in external data)");
        }
        sb.append(" =");
        String sep = " ";
        for (Map.Entry<LedgerCategory, Long> e : by.entrySet()) {
            sb.append(sep).append(e.getKey().jsonName()).append(' ').append(n(e.getValue()));
            sep = " + ";
        }
        sb.append("; unexplained ").append(n(r.ledger().unexplainedBytes())).append('.');
        out.println(sb);
    }

    private static String values(List<ValueInfo> vs) {
        List<String> parts = new ArrayList<>();
        for (ValueInfo v : vs) {
            parts.add(v.name() + " " + v.type().dtype().shortName() + " " + v.type().shape());
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    private static String blankIfZero(long v) { return v == 0 ? "" : n(v); }

    static String n(long v) { return String.format("%,d", v); }
}
