package dev.modelcost.cli.format;

import java.io.PrintWriter;

/** Prints prose wrapped at a fixed width with a hanging indent: layout only. */
final class Paragraph {
    static final int WIDTH = 100;

    private Paragraph() {}

    /** Prints {@code text} starting with {@code first}, continuation lines indented by {@code indent} spaces. */
    static void print(PrintWriter out, String first, int indent, String text) {
        StringBuilder line = new StringBuilder(first);
        boolean lineHasWord = false;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (lineHasWord && line.length() + 1 + word.length() > WIDTH) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder(" ".repeat(indent));
                lineHasWord = false;
            }
            if (lineHasWord || line.length() > 0 && !line.toString().endsWith(" ")) {
                line.append(' ');
            }
            line.append(word);
            lineHasWord = true;
        }
        out.println(line.toString().stripTrailing());
    }
}
