package dev.modelcost.cli.format;

import dev.modelcost.core.report.SizeExplanation;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The formats `explain` offers: text, json, jsonl and markdown, all printing the same figures and causes. */
public final class ExplanationFormats {
    public static final Formatters<SizeExplanation> ALL = Formatters.<SizeExplanation>builder()
            .add(OutputFormat.text, o -> (e, out) -> new ExplanationTextFormatter().write(e, out))
            .add(OutputFormat.json, o -> (e, out) -> new ExplanationJsonFormatter(false).write(e, out))
            .add(OutputFormat.jsonl, o -> (e, out) -> new ExplanationJsonFormatter(true).write(e, out))
            .add(OutputFormat.markdown, o -> ExplanationFormats::markdown)
            .build();

    private ExplanationFormats() {}

    static void markdown(SizeExplanation e, PrintWriter out) {
        out.println(
                "# Why " + Markdown.cell(e.path()) + " is not parameters x " + e.naiveBytesPerParameter() + " bytes");
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Parameters x " + e.naiveBytesPerParameter() + " bytes", n(e.naiveBytes())});
        rows.add(new String[] {"On disk (model file)", n(e.fileBytes())});
        if (e.externalBytes() > 0) {
            rows.add(new String[] {"On disk (external data)", n(e.externalBytes())});
        }
        rows.add(new String[] {"On disk (total)", n(e.totalBytes())});
        rows.add(new String[] {"Difference", signed(e.gapBytes())});
        Markdown.table(out, new String[] {"Figure", "Bytes"}, new boolean[] {false, true}, rows);
        out.println();
        if (e.bridge().isEmpty()) {
            out.println("The file holds exactly its parameters at " + e.naiveBytesPerParameter()
                    + " bytes each: nothing else to explain.");
        } else {
            out.println("## Where the difference comes from (these add up to it exactly)");
            out.println();
            causes(e.bridge(), out, true);
        }
        if (!e.notes().isEmpty()) {
            out.println();
            out.println("## Also worth knowing (these bytes are already inside the figures above)");
            out.println();
            causes(e.notes(), out, false);
        }
        out.flush();
    }

    private static void causes(List<SizeExplanation.Cause> causes, PrintWriter out, boolean signed) {
        List<String[]> rows = new ArrayList<>();
        for (SizeExplanation.Cause c : causes) {
            rows.add(new String[] {
                signed ? signed(c.bytes()) : n(c.bytes()), Markdown.cell(c.title()), Markdown.cell(c.explanation())
            });
        }
        Markdown.table(out, new String[] {"Bytes", "Cause", "Why"}, new boolean[] {true, false, false}, rows);
    }

    private static String signed(long v) {
        return (v > 0 ? "+" : "") + n(v);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
