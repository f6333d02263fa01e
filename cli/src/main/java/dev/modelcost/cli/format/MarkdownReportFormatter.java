package dev.modelcost.cli.format;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.RuntimeEstimate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The report as Markdown: assumptions, a summary table with each total's definition, the layer table, the ledger. */
public final class MarkdownReportFormatter implements ReportFormatter {
    private final FormatOptions options;

    public MarkdownReportFormatter(FormatOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report r, PrintWriter out) {
        out.println("# " + Markdown.cell(r.model().path()));
        out.println();
        DType d = r.assumptions().activationDType();
        out.printf(
                "Format %s, %s bytes (%s). Assumptions: batch %s; dtypes %s; symbolic dims %s%s.%n",
                r.model().format(),
                n(r.model().fileBytes()),
                ByteUnits.both(r.model().fileBytes()),
                BatchWords.batch(r.assumptions()),
                d == null ? "as stored" : d.shortName(),
                r.assumptions().dimValues().isEmpty()
                        ? "as declared"
                        : Markdown.cell(r.assumptions().dimValues().toString()),
                BatchWords.shapes(r));
        out.println();
        out.println("Inputs: " + values(r.inputs()) + ". Outputs: " + values(r.outputs()) + ".");
        out.println();
        summary(r, out);
        out.println();
        out.println("## Layers");
        out.println();
        layers(r, out);
        out.println();
        out.println("## File bytes");
        out.println();
        ledger(r, out);
        if (!r.diagnostics().isEmpty()) {
            out.println();
            out.println("## Diagnostics");
            out.println();
            for (Diagnostic diag : r.diagnostics()) {
                out.println(
                        "- " + diag.severity().name().toLowerCase(Locale.ROOT) + ": " + Markdown.cell(diag.message()));
            }
        }
        out.flush();
    }

    private static void summary(Report r, PrintWriter out) {
        ParameterSummary p = r.parameters();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Parameters", n(p.total()), "", Markdown.cell(Conventions.PARAMETERS)});
        for (TensorRole role : RoleWords.inSummary(p)) {
            rows.add(new String[] {"&nbsp;&nbsp;" + RoleWords.of(role), n(p.role(role)), "", ""});
        }
        rows.add(new String[] {"Parameter bytes as stored", n(p.storedBytes()), ByteUnits.both(p.storedBytes()), ""});
        rows.add(new String[] {
            "MACs per sample", Bounds.of(r.macsComplete(), r.macs(), "≥ "), "", Markdown.cell(Conventions.MACS)
        });
        var a = r.activations();
        String bound = a.complete() ? "" : "≥ ";
        rows.add(new String[] {
            "Activation elements per sample",
            bound + n(a.layerOutputElements()),
            "",
            Markdown.cell(Conventions.LAYER_OUTPUT_ELEMENTS)
        });
        rows.add(new String[] {
            "Activation bytes per sample", bound + n(a.layerOutputBytes()), ByteUnits.both(a.layerOutputBytes()), ""
        });
        rows.add(new String[] {
            "Peak live activation bytes, batch " + n(a.batch()),
            bound + n(a.peakLiveBytes()),
            ByteUnits.both(a.peakLiveBytes()),
            Markdown.cell(Conventions.PEAK_LIVE_BYTES + "; peak at " + a.peakAfterNode())
        });
        rows.add(new String[] {
            "Memory to run, batch " + n(a.batch()),
            (r.memoryToRunComplete() ? "" : "≥ ") + n(r.memoryToRunBytes()),
            ByteUnits.both(r.memoryToRunBytes()),
            Markdown.cell(MemoryToRun.definition(r))
        });
        Markdown.table(
                out,
                new String[] {"Quantity", "Value", "MB = MiB", "Definition"},
                new boolean[] {false, true, true, false},
                rows);
        if (r.kvCache() != null) {
            out.println();
            List<String[]> kv = new ArrayList<>();
            for (KvCacheRows.Row k : KvCacheRows.of(r.kvCache())) {
                kv.add(new String[] {k.what(), k.value(), k.units(), Markdown.cell(k.note())});
            }
            Markdown.table(
                    out,
                    new String[] {"KV cache", "Value", "MB = MiB", "Made of"},
                    new boolean[] {false, true, true, false},
                    kv);
        }
        runtime(out, r.activations().runtime(), RuntimeRows.INFERENCE);
        if (r.training() != null) {
            out.println();
            out.println(Markdown.cell(TrainingRows.heading(r.training())) + ":");
            out.println();
            List<String[]> training = new ArrayList<>();
            for (TrainingRows.Row t : TrainingRows.of(r.training())) {
                training.add(new String[] {t.what(), n(t.bytes()), ByteUnits.both(t.bytes()), Markdown.cell(t.note())});
            }
            Markdown.table(
                    out,
                    new String[] {"Training memory", "Bytes", "MB = MiB", "Made of"},
                    new boolean[] {false, true, true, false},
                    training);
            runtime(out, r.training().runtime(), RuntimeRows.TRAINING);
        }
    }

    /** The runtime's figure and its terms as a table; nothing for the ideal profile. */
    private static void runtime(PrintWriter out, RuntimeEstimate e, RuntimeRows.Figure figure) {
        if (e == null) {
            return;
        }
        out.println();
        out.println(Markdown.cell(RuntimeRows.heading(e, figure)) + ":");
        out.println();
        List<String[]> rows = new ArrayList<>();
        for (RuntimeRows.Row row : RuntimeRows.of(e, figure)) {
            rows.add(new String[] {Markdown.cell(row.what()), RuntimeRows.bytes(row), Markdown.cell(row.note())});
        }
        Markdown.table(out, new String[] {"Runtime memory", "Bytes", "Why"}, new boolean[] {false, true, false}, rows);
    }

    private void layers(Report r, PrintWriter out) {
        LayerTable t = LayerTable.of(r, options);
        List<TensorRole> roles = RoleWords.inTable(r.parameters());
        List<String> headers = LayerTable.headers(roles);
        boolean[] right = new boolean[headers.size()];
        Arrays.fill(right, 3, right.length, true);
        List<String[]> rows = new ArrayList<>();
        for (LayerTable.Row row : t.rows()) {
            rows.add(cells(row, t.total(), roles, false));
        }
        rows.add(cells(t.total(), t.total(), roles, true));
        Markdown.table(out, headers.toArray(String[]::new), right, rows);
        if (t.anyShared()) {
            out.println();
            out.println(Markdown.cell(LayerCells.SHARED_NOTE));
        }
        if (options.depth().isPresent()) {
            out.println();
            out.println(Markdown.cell(LayerGroups.note(options.depth().getAsInt(), t.grouped())));
        }
    }

    private static String[] cells(LayerTable.Row row, LayerTable.Row total, List<TensorRole> roles, boolean isTotal) {
        LayerCells c = isTotal ? LayerCells.RICH_TOTAL : LayerCells.RICH;
        List<String> cells = new ArrayList<>(List.of(
                Markdown.cell(row.name()),
                Markdown.cell(row.op()),
                Markdown.cell(row.shape()),
                c.activations(row),
                isTotal ? "" : c.activationShare(row, total),
                c.parameters(row),
                isTotal ? "" : c.parameterShare(row, total)));
        roles.forEach(role -> cells.add(c.role(row, role)));
        cells.add(c.macs(row));
        cells.add(isTotal ? "" : c.macsShare(row, total));
        for (int i = 3; i < cells.size(); i++) {
            cells.set(i, Markdown.cell(cells.get(i)));
        }
        if (isTotal) {
            cells.replaceAll(x -> x.isEmpty() ? "" : "**" + x + "**");
        }
        return cells.toArray(String[]::new);
    }

    private static void ledger(Report r, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        for (LedgerEntry e : r.ledger().entries()) {
            rows.add(new String[] {
                e.category().jsonName(),
                Markdown.cell(e.detail()),
                n(e.count()),
                n(e.bytes()),
                ByteUnits.both(e.bytes())
            });
        }
        rows.add(new String[] {"unexplained", "", "", n(r.ledger().unexplainedBytes()), ""});
        long total = r.ledger().totalBytes();
        rows.add(new String[] {
            "**Total**",
            r.ledger().externalBytes() > 0 ? "model file + external data" : "model file",
            "",
            "**" + n(total) + "**",
            ByteUnits.both(total)
        });
        Markdown.table(
                out,
                new String[] {"Category", "Detail", "Items", "Bytes", "MB = MiB"},
                new boolean[] {false, false, true, true, true},
                rows);
    }

    private static String values(List<ValueInfo> vs) {
        List<String> parts = new ArrayList<>();
        for (ValueInfo v : vs) {
            parts.add("`" + v.name().replace("`", "'") + "` " + Shapes.typeText(v));
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
