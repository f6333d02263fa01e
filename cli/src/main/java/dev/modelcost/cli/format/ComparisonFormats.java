package dev.modelcost.cli.format;

import dev.modelcost.core.compare.Comparison;
import dev.modelcost.core.compare.Comparison.Line;
import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.Report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The formats `compare` offers: text, json, jsonl, csv and markdown, all printing the same lines and explanations. */
public final class ComparisonFormats {
    public static final Formatters<Comparison> ALL = Formatters.<Comparison>builder()
            .add(OutputFormat.text, o -> ComparisonFormats::text)
            .add(OutputFormat.json, o -> (c, out) -> json(c, out, false))
            .add(OutputFormat.jsonl, o -> (c, out) -> json(c, out, true))
            .add(OutputFormat.csv, o -> ComparisonFormats::csv)
            .add(OutputFormat.markdown, o -> ComparisonFormats::markdown)
            .build();

    private ComparisonFormats() {}

    static void text(Comparison c, PrintWriter out) {
        out.println("A: " + describe(c.a()));
        out.println("B: " + describe(c.b()));
        out.println();
        Table t = new Table(
                new String[] {"Quantity", "A", "B", "B - A", "Unit"}, new boolean[] {false, true, true, true, false});
        Comparison.Section section = null;
        for (Line l : c.lines()) {
            if (section != null && l.section() != section) {
                t.rule();
            }
            section = l.section();
            t.row(indented(l), value(l.a(), l.aLowerBound()), value(l.b(), l.bLowerBound()), delta(l), l.unit());
        }
        t.print(out);
        out.println();
        out.println("What explains the differences:");
        ComparisonExplanations.of(c).forEach(e -> out.println("  - " + e));
        out.flush();
    }

    static void markdown(Comparison c, PrintWriter out) {
        out.println("# Comparison");
        out.println();
        out.println("- A: " + Markdown.cell(describe(c.a())));
        out.println("- B: " + Markdown.cell(describe(c.b())));
        out.println();
        List<String[]> rows = new ArrayList<>();
        for (Line l : c.lines()) {
            rows.add(new String[] {
                l.section().name().toLowerCase(Locale.ROOT),
                Markdown.cell(l.quantity()),
                value(l.a(), l.aLowerBound()),
                value(l.b(), l.bLowerBound()),
                delta(l),
                l.unit()
            });
        }
        Markdown.table(
                out,
                new String[] {"Section", "Quantity", "A", "B", "B − A", "Unit"},
                new boolean[] {false, false, true, true, true, false},
                rows);
        out.println();
        out.println("## What explains the differences");
        out.println();
        ComparisonExplanations.of(c).forEach(e -> out.println("- " + Markdown.cell(e)));
        out.flush();
    }

    static void csv(Comparison c, PrintWriter out) {
        Csv.record(out, "section", "quantity", "unit", "a", "b", "delta", "a_lower_bound", "b_lower_bound");
        for (Line l : c.lines()) {
            Csv.record(
                    out,
                    l.section().name().toLowerCase(Locale.ROOT),
                    l.quantity(),
                    l.unit(),
                    Long.toString(l.a()),
                    Long.toString(l.b()),
                    Long.toString(l.delta()),
                    Boolean.toString(l.aLowerBound()),
                    Boolean.toString(l.bLowerBound()));
        }
        out.flush();
    }

    static void json(Comparison c, PrintWriter out, boolean compact) {
        JsonWriter w = new JsonWriter(out, compact);
        w.beginObject().field("schemaVersion", Report.SCHEMA_VERSION).field("kind", "comparison");
        model(w, "a", c.a());
        model(w, "b", c.b());
        w.key("lines").beginArray();
        for (Line l : c.lines()) {
            w.beginObject()
                    .field("section", l.section().name().toLowerCase(Locale.ROOT))
                    .field("quantity", l.quantity())
                    .field("unit", l.unit())
                    .field("a", l.a())
                    .field("b", l.b())
                    .field("delta", l.delta())
                    .field("exact", l.exact())
                    .endObject();
        }
        w.endArray();
        w.key("explanations").beginArray();
        ComparisonExplanations.of(c).forEach(w::value);
        w.endArray().endObject();
        w.finish();
    }

    private static void model(JsonWriter w, String key, Report r) {
        w.key(key)
                .beginObject()
                .field("path", r.model().path())
                .field("format", r.model().format())
                .field("fileBytes", r.model().fileBytes())
                .endObject();
    }

    private static String describe(Report r) {
        long total = r.ledger().totalBytes();
        return r.model().path() + "  (" + r.model().format() + ", " + n(total) + " bytes = " + ByteUnits.both(total)
                + ")";
    }

    /** A part of the whole above it is indented under it. */
    private static String indented(Line l) {
        return (l.part() == Comparison.Part.WHOLE ? "" : "  ") + l.quantity();
    }

    private static String value(long v, boolean lowerBound) {
        return (lowerBound ? ">= " : "") + n(v);
    }

    private static String delta(Line l) {
        if (!l.differs()) {
            return "";
        }
        return (l.exact() ? "" : "~") + (l.delta() > 0 ? "+" : "-") + n(Math.abs(l.delta()));
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
