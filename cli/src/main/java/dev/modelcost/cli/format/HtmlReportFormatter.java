package dev.modelcost.cli.format;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.RuntimeEstimate;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page: summary, charts (live activation memory over the schedule with the peak,
 * parameters by layer, the file's bytes as a stacked bar) drawn by the page's own script from JSON embedded
 * in it, the layer table and the ledger. It loads nothing from the network.
 */
public final class HtmlReportFormatter implements ReportFormatter {
    /** The parameter chart shows this many layers at most, plus an "other" bar. */
    static final int CHART_LAYERS = 40;

    private final FormatOptions options;

    public HtmlReportFormatter(FormatOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report r, PrintWriter out) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\" data-charts=\"pending\">");
        out.println("<head><meta charset=\"utf-8\">");
        out.println(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                        + "script-src 'unsafe-inline'; img-src data:\">");
        out.println("<title>modelcost: " + esc(r.model().path()) + "</title>");
        out.println("<style>" + resource("report.css") + "</style></head>");
        out.println("<body>");
        out.println("<h1>" + esc(r.model().path()) + "</h1>");
        DType d = r.assumptions().activationDType();
        out.println("<p class=\"sub\">" + esc(r.model().format()) + ", "
                + n(r.model().fileBytes()) + " bytes ("
                + ByteUnits.both(r.model().fileBytes()) + "). Assumptions: batch " + BatchWords.batch(r.assumptions())
                + "; dtypes " + (d == null ? "as stored" : d.shortName()) + "; symbolic dims "
                + esc(
                        r.assumptions().dimValues().isEmpty()
                                ? "as declared"
                                : r.assumptions().dimValues().toString())
                + esc(BatchWords.shapes(r)) + ".</p>");
        diagnosticsSummary(r, out);
        summary(r, out);
        runtime(out, r.activations().runtime(), RuntimeRows.INFERENCE);
        if (r.training() != null) {
            training(r, out);
            runtime(out, r.training().runtime(), RuntimeRows.TRAINING);
        }
        if (r.kvCache() != null) {
            kvCache(r, out);
        }
        out.println("<h2>Charts</h2>");
        out.println("<div class=\"charts\">");
        String partial =
                r.activations().complete() ? "" : "; partial: some shapes are unknown, their values are missing";
        out.println("<figure id=\"chart-memory\"><figcaption>Live activation memory over the schedule (batch "
                + n(r.activations().batch()) + partial + ")</figcaption></figure>");
        out.println("<figure id=\"chart-params\"><figcaption>Parameters by layer</figcaption></figure>");
        out.println("<figure id=\"chart-ledger\"><figcaption>The file's bytes</figcaption>"
                + "<div class=\"legend\" id=\"ledger-legend\"></div></figure>");
        out.println("</div>");
        out.println("<h2>Layers</h2>");
        layers(r, out);
        out.println("<h2>File bytes</h2>");
        ledger(r, out);
        if (!r.diagnostics().isEmpty()) {
            out.println("<h2 id=\"diagnostics\">Diagnostics</h2><ul class=\"diag\">");
            for (Diagnostic diag : r.diagnostics()) {
                out.println("<li>" + diag.severity().name().toLowerCase(Locale.ROOT) + ": " + esc(diag.message())
                        + "</li>");
            }
            out.println("</ul>");
        }
        // JSON inside <script>: '<' is escaped so no string can close the element.
        out.println("<script type=\"application/json\" id=\"report-data\">"
                + chartData(r).replace("<", "\\u003c") + "</script>");
        out.println("<script>" + resource("report.js") + "</script>");
        out.println("</body></html>");
        out.flush();
    }

    private static void summary(Report r, PrintWriter out) {
        ParameterSummary p = r.parameters();
        ActivationSummary a = r.activations();
        String bound = a.complete() ? "" : "≥ ";
        out.println("<table class=\"summary\">");
        sumRow(out, "Parameters", n(p.total()), ByteUnits.both(p.storedBytes()) + " as stored", Conventions.PARAMETERS);
        for (TensorRole role : RoleWords.inSummary(p)) {
            sumRow(out, "&nbsp;&nbsp;" + esc(RoleWords.of(role)), n(p.role(role)), "", "");
        }
        sumRow(
                out,
                "MACs per sample",
                Bounds.of(r.macsComplete(), r.macs(), "≥ "),
                "FLOPs ≈ 2 × MACs = " + Bounds.of(r.macsComplete(), 2 * r.macs(), "≥ "),
                Conventions.MACS);
        sumRow(
                out,
                "Activations per sample",
                bound + n(a.layerOutputElements()) + " values",
                n(a.layerOutputBytes()) + " bytes = " + ByteUnits.both(a.layerOutputBytes()),
                Conventions.LAYER_OUTPUT_ELEMENTS);
        sumRow(
                out,
                "Peak live activations",
                bound + n(a.peakLiveBytes()) + " bytes",
                ByteUnits.both(a.peakLiveBytes()) + ", batch " + n(a.batch()) + ", at " + a.peakAfterNode(),
                Conventions.PEAK_LIVE_BYTES);
        sumRow(out, "Memory to run", MemoryToRun.cell(r), "batch " + n(a.batch()), MemoryToRun.definition(r));
        out.println("</table>");
    }

    private static void kvCache(Report r, PrintWriter out) {
        out.println("<h2 id=\"kv-cache\">KV cache</h2>");
        out.println("<table class=\"summary\">");
        for (KvCacheRows.Row k : KvCacheRows.of(r.kvCache())) {
            sumRow(out, esc(k.what()), k.value(), k.units(), k.note());
        }
        out.println("</table>");
    }

    /** One line at the top: how many errors, warnings and notes the report has, linked to the list at the end. */
    private static void diagnosticsSummary(Report r, PrintWriter out) {
        if (r.diagnostics().isEmpty()) {
            return;
        }
        Map<Diagnostic.Severity, Long> by = new EnumMap<>(Diagnostic.Severity.class);
        r.diagnostics().forEach(d -> by.merge(d.severity(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        for (Diagnostic.Severity s : new Diagnostic.Severity[] {
            Diagnostic.Severity.ERROR, Diagnostic.Severity.WARNING, Diagnostic.Severity.INFO
        }) {
            long c = by.getOrDefault(s, 0L);
            if (c > 0) {
                parts.add(c + " " + s.name().toLowerCase(Locale.ROOT) + (c == 1 ? "" : "s"));
            }
        }
        String level = by.containsKey(Diagnostic.Severity.ERROR)
                ? "error"
                : by.containsKey(Diagnostic.Severity.WARNING) ? "warning" : "info";
        out.println("<p class=\"diagsum " + level + "\">Diagnostics: " + String.join(", ", parts)
                + " (<a href=\"#diagnostics\">see the list</a>)"
                + (r.activations().complete() && r.macsComplete()
                        ? ""
                        : "; figures marked ≥ are lower bounds and the " + "charts show partial data")
                + ".</p>");
    }

    private static void training(Report r, PrintWriter out) {
        out.println("<h2>Training step</h2>");
        out.println("<p>" + esc(TrainingRows.heading(r.training())) + "</p>");
        out.println("<table class=\"summary\">");
        for (TrainingRows.Row t : TrainingRows.of(r.training())) {
            sumRow(out, esc(t.what()), n(t.bytes()) + " bytes", ByteUnits.both(t.bytes()), t.note());
        }
        out.println("</table>");
    }

    /** The runtime's figure and its terms; nothing for the ideal profile. */
    private static void runtime(PrintWriter out, RuntimeEstimate e, RuntimeRows.Figure figure) {
        if (e == null) {
            return;
        }
        out.println("<h2>Runtime " + esc(e.runtime()) + "</h2>");
        out.println("<p>" + esc(RuntimeRows.heading(e, figure)) + "</p>");
        out.println("<table class=\"summary\">");
        for (RuntimeRows.Row row : RuntimeRows.of(e, figure)) {
            sumRow(out, esc(row.what()), RuntimeRows.bytes(row) + " bytes", "", row.note());
        }
        out.println("</table>");
    }

    private static void sumRow(PrintWriter out, String label, String value, String units, String definition) {
        out.println("<tr><th>" + label + "</th><td class=\"n\">" + esc(value) + "</td><td>" + esc(units)
                + "</td><td class=\"def\">" + esc(definition) + "</td></tr>");
    }

    private void layers(Report r, PrintWriter out) {
        LayerTable t = LayerTable.of(r, options);
        List<TensorRole> roles = RoleWords.inTable(r.parameters());
        StringBuilder head = new StringBuilder("<thead><tr><th>Layer</th><th>Op</th><th>Output shape</th>");
        List<String> numeric = new ArrayList<>(List.of("Activations", "Act %", "Params", "Params %"));
        roles.forEach(role -> numeric.add(RoleWords.of(role)));
        numeric.addAll(List.of("MACs", "MACs %"));
        numeric.forEach(h -> head.append("<th class=\"n\">").append(esc(h)).append("</th>"));
        out.println("<div class=\"tablewrap\"><table class=\"layers\">");
        out.println(head + "</tr></thead><tbody>");
        for (LayerTable.Row row : t.rows()) {
            layerRow(
                    out,
                    row,
                    t.total(),
                    roles,
                    row.name().startsWith("(other ") && row.op().isEmpty() ? "other" : null);
        }
        layerRow(out, t.total(), t.total(), roles, "total");
        out.println("</tbody></table></div>");
        if (t.anyShared()) {
            out.println("<p class=\"sub\">" + esc(LayerCells.SHARED_NOTE) + "</p>");
        }
        if (options.depth().isPresent()) {
            out.println(
                    "<p class=\"sub\">" + esc(LayerGroups.note(options.depth().getAsInt(), t.grouped())) + "</p>");
        }
    }

    private static void layerRow(
            PrintWriter out, LayerTable.Row row, LayerTable.Row total, List<TensorRole> roles, String cssClass) {
        boolean isTotal = "total".equals(cssClass);
        LayerCells c = isTotal ? LayerCells.RICH_TOTAL : LayerCells.RICH;
        List<String> numbers = new ArrayList<>(List.of(
                c.activations(row),
                isTotal ? "" : c.activationShare(row, total),
                c.parameters(row),
                isTotal ? "" : c.parameterShare(row, total)));
        roles.forEach(role -> numbers.add(c.role(row, role)));
        numbers.add(c.macs(row));
        numbers.add(isTotal ? "" : c.macsShare(row, total));
        StringBuilder b = new StringBuilder("<tr" + (cssClass == null ? "" : " class=\"" + cssClass + "\"") + ">");
        for (String text : List.of(row.name(), row.op(), row.shape())) {
            b.append("<td>").append(esc(text)).append("</td>");
        }
        numbers.forEach(x -> b.append("<td class=\"n\">").append(esc(x)).append("</td>"));
        out.println(b.append("</tr>"));
    }

    private static void ledger(Report r, PrintWriter out) {
        out.println("<table class=\"ledger\"><thead><tr><th>Category</th><th>Detail</th><th class=\"n\">Items</th>"
                + "<th class=\"n\">Bytes</th><th class=\"n\">MB = MiB</th></tr></thead><tbody>");
        for (LedgerEntry e : r.ledger().entries()) {
            out.println("<tr><td>" + e.category().jsonName() + "</td><td>" + esc(e.detail()) + "</td><td class=\"n\">"
                    + n(e.count()) + "</td><td class=\"n\">" + n(e.bytes()) + "</td><td class=\"n\">"
                    + ByteUnits.both(e.bytes()) + "</td></tr>");
        }
        out.println("<tr><td>unexplained</td><td></td><td></td><td class=\"n\">"
                + n(r.ledger().unexplainedBytes()) + "</td><td></td></tr>");
        long total = r.ledger().totalBytes();
        out.println("<tr class=\"total\"><td>Total</td><td></td><td></td><td class=\"n\">" + n(total)
                + "</td><td class=\"n\">" + ByteUnits.both(total) + "</td></tr>");
        out.println("</tbody></table>");
    }

    /** What the charts draw, with every label already written here (the script scales, it never formats figures). */
    private static String chartData(Report r) {
        StringWriter s = new StringWriter();
        JsonWriter w = new JsonWriter(new PrintWriter(s), true);
        w.beginObject();
        ActivationSummary a = r.activations();
        long[] live = a.liveBytesPerStep();
        w.key("memory").beginObject().key("bytes").beginArray();
        for (long v : live) {
            w.value(v);
        }
        w.endArray().key("steps").beginArray();
        for (int i = 0; i < live.length; i++) {
            String step = i == 0
                    ? "(inputs)"
                    : i - 1 < r.layers().size() ? r.layers().get(i - 1).name() : "";
            w.value(step + ": " + n(live[i]) + " bytes = " + ByteUnits.both(live[i]));
        }
        w.endArray()
                .field("peakIndex", a.peakStep())
                .field("peakLabel", "peak " + ByteUnits.both(a.peakLiveBytes()) + " at " + a.peakAfterNode())
                .field("firstLabel", "(inputs)")
                .field(
                        "lastLabel",
                        live.length > 1 && live.length - 2 < r.layers().size()
                                ? r.layers().get(live.length - 2).name()
                                : "")
                .endObject();
        List<LayerTable.Row> rows =
                LayerTable.of(r, new FormatOptions(OutputFormat.html, CHART_LAYERS, FormatOptions.TopBy.params))
                        .rows()
                        .stream()
                        .filter(x -> x.parameters() > 0)
                        .toList();
        w.key("params").beginObject();
        w.key("names").beginArray();
        rows.forEach(x -> w.value(x.name()));
        w.endArray().key("ops").beginArray();
        rows.forEach(x -> w.value(x.op()));
        w.endArray().key("values").beginArray();
        rows.forEach(x -> w.value(x.parameters()));
        w.endArray().key("labels").beginArray();
        rows.forEach(x -> w.value(n(x.parameters())));
        w.endArray().endObject();
        w.key("ledger").beginObject();
        w.key("categories").beginArray();
        List<LedgerCategory> present = List.copyOf(r.ledger().bytesByCategory().keySet()); // on disk only
        present.forEach(c -> w.value(c.jsonName()));
        boolean unexplained = r.ledger().unexplainedBytes() > 0;
        if (unexplained) {
            w.value("unexplained");
        }
        w.endArray().key("bytes").beginArray();
        present.forEach(c -> w.value(r.ledger().bytesIn(c)));
        if (unexplained) {
            w.value(r.ledger().unexplainedBytes());
        }
        w.endArray().key("labels").beginArray();
        present.forEach(c -> w.value(n(r.ledger().bytesIn(c)) + " bytes ("
                + ByteUnits.both(r.ledger().bytesIn(c)) + ")"));
        if (unexplained) {
            w.value(n(r.ledger().unexplainedBytes()) + " bytes");
        }
        long total = r.ledger().totalBytes();
        w.endArray()
                .field("totalLabel", n(total) + " bytes = " + ByteUnits.both(total))
                .endObject();
        w.endObject();
        w.finish();
        return s.toString().strip();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportFormatter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
