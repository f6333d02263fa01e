package dev.modelcost.cli.format;

import dev.modelcost.core.report.Report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The formats `audit` offers. text: one table row per file (path, format, parameters, MACs, file bytes, status),
 * then the counts and the failures with their messages. csv: the same rows as records. jsonl: the full JSON
 * report of each file on its own line, or {"model":{"path":..,"format":..},"error":..}. markdown: the table and the
 * failures as GitHub Markdown.
 */
public final class AuditFormats {
    public static final Formatters<AuditRun> ALL = Formatters.<AuditRun>builder()
            .add(OutputFormat.text, o -> AuditFormats::text)
            .add(OutputFormat.csv, o -> AuditFormats::csv)
            .add(OutputFormat.jsonl, o -> AuditFormats::jsonl)
            .add(OutputFormat.markdown, o -> AuditFormats::markdown)
            .build();

    private static final String[] HEADERS = {"File", "Format", "Parameters", "MACs", "File bytes", "Status"};
    private static final boolean[] RIGHT = {false, false, true, true, true, false};

    private AuditFormats() {}

    static void text(AuditRun run, PrintWriter out) {
        Table t = new Table(HEADERS, RIGHT);
        for (AuditRun.Entry e : run.entries()) {
            t.row(cells(e));
        }
        t.print(out);
        out.println();
        out.println(counts(run));
        if (run.failedCount() > 0) {
            out.println();
            out.println("Failed:");
            for (AuditRun.Entry e : run.failures()) {
                out.println("  " + e.path() + ": " + e.error());
            }
        }
        if (run.incompleteCount() > 0) {
            out.println();
            out.println("Incomplete:");
            for (AuditRun.Entry e : run.incomplete()) {
                out.println("  " + e.path() + ": " + e.problems());
            }
        }
        out.println();
        out.println(
                "MACs: " + Conventions.MACS + "; \">=\" marks a lower bound. File bytes include external data files.");
        out.flush();
    }

    static void markdown(AuditRun run, PrintWriter out) {
        out.println("# Audit of " + Markdown.cell(run.dir()));
        out.println();
        List<String[]> rows = new ArrayList<>();
        for (AuditRun.Entry e : run.entries()) {
            String[] c = cells(e);
            for (int i = 0; i < c.length; i++) {
                c[i] = Markdown.cell(c[i]);
            }
            rows.add(c);
        }
        Markdown.table(out, HEADERS, RIGHT, rows);
        out.println();
        out.println(counts(run));
        if (run.failedCount() > 0) {
            out.println();
            out.println("## Failed");
            out.println();
            for (AuditRun.Entry e : run.failures()) {
                out.println("- `" + e.path().replace("`", "'") + "`: " + Markdown.cell(e.error()));
            }
        }
        if (run.incompleteCount() > 0) {
            out.println();
            out.println("## Incomplete");
            out.println();
            for (AuditRun.Entry e : run.incomplete()) {
                out.println("- `" + e.path().replace("`", "'") + "`: " + Markdown.cell(e.problems()));
            }
        }
        out.flush();
    }

    /** One record per file; numbers without separators; an unknown count is empty, a lower bound marked in its own column. */
    static void csv(AuditRun run, PrintWriter out) {
        Csv.record(
                out,
                "path",
                "format",
                "parameters",
                "macs",
                "macs_complete",
                "file_bytes",
                "external_bytes",
                "status",
                "error");
        for (AuditRun.Entry e : run.entries()) {
            Report r = e.report();
            if (r == null) {
                Csv.record(out, e.path(), e.format(), "", "", "", "", "", "failed", e.error());
            } else {
                Csv.record(
                        out,
                        e.path(),
                        e.format(),
                        Long.toString(r.parameters().total()),
                        Long.toString(r.macs()),
                        Boolean.toString(r.macsComplete()),
                        Long.toString(r.ledger().fileBytes()),
                        Long.toString(r.ledger().externalBytes()),
                        e.status().word(),
                        e.status() == AuditRun.Status.OK ? "" : e.problems());
            }
        }
        out.flush();
    }

    static void jsonl(AuditRun run, PrintWriter out) {
        for (AuditRun.Entry e : run.entries()) {
            if (e.ok()) {
                new JsonReportFormatter(true).write(e.report(), out);
            } else {
                StringWriter text = new StringWriter();
                JsonWriter j = new JsonWriter(new PrintWriter(text), true);
                j.beginObject();
                // the path as a report's model.path has it: the folder as given, then the file
                // (a URL from audit --urls as it is)
                String path = e.path().contains("://")
                        ? e.path()
                        : Path.of(run.dir()).resolve(e.path()).toString();
                j.key("model")
                        .beginObject()
                        .field("path", path)
                        .field("format", e.format())
                        .endObject();
                j.field("error", e.error());
                j.endObject();
                j.finish();
                out.print(text);
            }
        }
        out.flush();
    }

    static String counts(AuditRun run) {
        return files(run.entries().size()) + ", " + run.okCount() + " ok, "
                + (run.incompleteCount() > 0 ? run.incompleteCount() + " incomplete, " : "") + run.failedCount()
                + " failed"
                + " (" + run.skippedFiles() + " other " + (run.skippedFiles() == 1 ? "file" : "files")
                + " skipped: no importer claims " + (run.skippedFiles() == 1 ? "it" : "them") + " by content)";
    }

    private static String files(long n) {
        return n + (n == 1 ? " file" : " files");
    }

    private static String[] cells(AuditRun.Entry e) {
        Report r = e.report();
        if (r == null) {
            return new String[] {e.path(), e.format(), "-", "-", "-", "failed"};
        }
        String macs = Bounds.of(r.macsComplete(), r.macs(), ">=");
        return new String[] {
            e.path(),
            e.format(),
            number(r.parameters().total()),
            macs,
            number(r.ledger().totalBytes()),
            e.status().word()
        };
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
