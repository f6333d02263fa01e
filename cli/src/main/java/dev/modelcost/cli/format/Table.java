package dev.modelcost.cli.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A text table whose column widths come from the data; numeric columns are right-aligned. */
final class Table {
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Integer> rules = new ArrayList<>();

    Table(String[] headers, boolean[] rightAligned) {
        this.headers = headers;
        this.rightAligned = rightAligned;
    }

    void row(String... cells) {
        rows.add(cells);
    }

    /** A horizontal rule before the next row. */
    void rule() {
        rules.add(rows.size());
    }

    void print(PrintWriter out) {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        print(out, headers, width);
        printRule(out, width);
        for (int i = 0; i < rows.size(); i++) {
            if (rules.contains(i)) {
                printRule(out, width);
            }
            print(out, rows.get(i), width);
        }
    }

    private void print(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            sb.append(rightAligned[c] ? pad + cells[c] : cells[c] + pad);
        }
        out.println(sb.toString().stripTrailing());
    }

    private static void printRule(PrintWriter out, int[] width) {
        int total = 2 * (width.length - 1);
        for (int w : width) {
            total += w;
        }
        out.println("-".repeat(total));
    }
}
