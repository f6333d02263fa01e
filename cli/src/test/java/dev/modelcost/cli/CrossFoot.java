package dev.modelcost.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the layer table back out of each printed format (independently of the formatters) as rows of the
 * five summed columns: activations, weights, biases, other parameters, MACs. The last row is the printed total
 * where the format prints one.
 */
final class CrossFoot {
    static final String[] COLUMNS = {"Activations", "Weights", "Biases", "Other params", "MACs"};

    private CrossFoot() {}

    /**
     * The text table: numeric columns are right-aligned, so each cell ends where its header ends; a blank
     * cell has a space there. The first numeric column follows free-text shapes, so its cell is the last word.
     */
    static List<long[]> text(String out) {
        List<String> lines = out.lines().toList();
        int header = 0;
        while (!lines.get(header).startsWith("Layer ")) {
            header++;
        }
        String h = lines.get(header);
        int[] end = new int[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            end[c] = h.indexOf(COLUMNS[c]) + COLUMNS[c].length();
        }
        List<long[]> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                break;
            }
            if (l.startsWith("---")) {
                continue;
            }
            long[] r = new long[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                if (l.length() < end[c] || l.charAt(end[c] - 1) == ' ') {
                    continue;
                }
                String cell;
                if (c == 0) {
                    String[] words = l.substring(0, end[c]).split(" ");
                    cell = words[words.length - 1];
                } else {
                    cell = l.substring(end[c - 1], end[c]);
                }
                r[c] = number(cell);
            }
            rows.add(r);
        }
        return rows;
    }

    /** The Markdown table after "## Layers"; the last row is the bold total. */
    static List<long[]> markdown(String out) {
        List<long[]> rows = new ArrayList<>();
        boolean in = false;
        for (String l : out.lines().toList()) {
            if (l.equals("## Layers")) {
                in = true;
                continue;
            }
            if (in && l.startsWith("## ")) {
                break;
            }
            if (!in || !l.startsWith("| ") || l.startsWith("| Layer ") || l.startsWith("| ---")) {
                continue;
            }
            String[] cells = l.substring(2, l.length() - 2).split(" \\| ", -1);
            long[] r = new long[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                r[c] = number(cells[cells.length - COLUMNS.length + c]);
            }
            rows.add(r);
        }
        return rows;
    }

    /** The CSV records (no total row): columns activation_elements, weights, biases, other_parameters, macs. */
    static List<long[]> csv(String out) {
        List<long[]> rows = new ArrayList<>();
        List<List<String>> records = parseCsv(out);
        List<String> head = records.get(0);
        String[] cols = {"activation_elements", "weights", "biases", "other_parameters", "macs"};
        for (List<String> rec : records.subList(1, records.size())) {
            long[] r = new long[cols.length];
            for (int c = 0; c < cols.length; c++) {
                r[c] = number(rec.get(head.indexOf(cols[c])));
            }
            rows.add(r);
        }
        return rows;
    }

    /** The HTML layer table; the last row is the total. */
    static List<long[]> html(String out) {
        int from = out.indexOf("<table class=\"layers\">");
        String table = out.substring(from, out.indexOf("</table>", from));
        List<long[]> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr[^>]*>(.*?)</tr>").matcher(table);
        Pattern td = Pattern.compile("<td[^>]*>(.*?)</td>");
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher m = td.matcher(tr.group(1));
            while (m.find()) {
                cells.add(m.group(1));
            }
            if (cells.isEmpty()) {
                continue;
            }
            long[] r = new long[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                r[c] = number(cells.get(cells.size() - COLUMNS.length + c).replace("&ge;", ""));
            }
            rows.add(r);
        }
        return rows;
    }

    static long[] sum(List<long[]> rows) {
        long[] s = new long[COLUMNS.length];
        for (long[] r : rows) {
            for (int c = 0; c < s.length; c++) {
                s[c] += r[c];
            }
        }
        return s;
    }

    static Map<String, Long> named(long[] v) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.length; c++) {
            m.put(COLUMNS[c], v[c]);
        }
        return m;
    }

    /** "1,234" -> 1234; blank, "?" -> 0; bold and lower-bound marks dropped. */
    static long number(String cell) {
        String s = cell.replace("**", "")
                .replace(">=", "")
                .replace("≥", "")
                .replace(",", "")
                .strip();
        return s.isEmpty() || s.equals("?") ? 0 : Long.parseLong(s);
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                rec.add(f.toString());
                f.setLength(0);
            } else if (ch == '\r') {
                continue;
            } else if (ch == '\n') {
                rec.add(f.toString());
                f.setLength(0);
                records.add(rec);
                rec = new ArrayList<>();
            } else {
                f.append(ch);
            }
        }
        return records;
    }
}
