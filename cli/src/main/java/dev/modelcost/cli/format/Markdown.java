package dev.modelcost.cli.format;

import java.io.PrintWriter;
import java.util.List;

/** GitHub-flavoured Markdown pieces: escaped cells and pipe tables with per-column alignment. */
final class Markdown {
    private Markdown() {}

    /** Escapes what would break a table cell or start markup. */
    static String cell(String s) {
        return s.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("*", "\\*")
                .replace("<", "&lt;")
                .replace("\n", " ");
    }

    static void table(PrintWriter out, String[] headers, boolean[] right, List<String[]> rows) {
        out.println(line(headers));
        String[] rule = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rule[i] = right[i] ? "---:" : "---";
        }
        out.println(line(rule));
        for (String[] r : rows) {
            out.println(line(r));
        }
    }

    private static String line(String[] cells) {
        return "| " + String.join(" | ", cells) + " |";
    }
}
