package dev.modelcost.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the layer table back out of each printed format (independently of the formatters) as rows of its summed
 * columns: activations, parameters, one column per parameter role, MACs (the percentage columns are left out). A
 * cell's "+N*" (parameters another row counts) is not part of its figure. The last row is the printed total where
 * the format prints one.
 */
final class CrossFoot {
    /** The summed columns of a table, by header, and its rows' figures in that order. */
    record Table(List<String> columns, List<long[]> rows) {
        /** The sum of the rows (all of them, or all but the last: the printed total). */
        Map<String, Long> sum(boolean lastIsTotal) {
            return named(CrossFoot.sum(lastIsTotal ? rows.subList(0, rows.size() - 1) : rows));
        }

        Map<String, Long> total() {
            return named(rows.get(rows.size() - 1));
        }

        Map<String, Long> named(long[] v) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                m.put(columns.get(c), v[c]);
            }
            return m;
        }
    }

    /** Text, Markdown and HTML headers: the free-text columns and the shares are not summed. */
    private static final List<String> NOT_SUMMED = List.of("Layer", "Op", "Output shape");

    private CrossFoot() {}

    private static boolean summed(String header) {
        return !NOT_SUMMED.contains(header) && !header.endsWith("%");
    }

    /**
     * The text table: numeric columns are right-aligned, so each cell ends where its header ends and starts after
     * the header before it; a blank cell has a space there. The first numeric column follows free-text shapes, so
     * its cell is the last word before its end.
     */
    static Table text(String out) {
        List<String> lines = out.lines().toList();
        int header = 0;
        while (!lines.get(header).startsWith("Layer ")) {
            header++;
        }
        String h = lines.get(header);
        List<String> names = List.of(h.strip().split(" {2,}"));
        int[] end = new int[names.size()];
        int at = 0;
        for (int c = 0; c < names.size(); c++) {
            at = h.indexOf(names.get(c), at) + names.get(c).length();
            end[c] = at;
        }
        List<String> columns = names.stream().filter(CrossFoot::summed).toList();
        List<long[]> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                break;
            }
            if (l.startsWith("---")) {
                continue;
            }
            long[] r = new long[columns.size()];
            int k = 0;
            for (int c = 0; c < names.size(); c++) {
                if (!summed(names.get(c))) {
                    continue;
                }
                if (l.length() >= end[c] && l.charAt(end[c] - 1) != ' ') {
                    String cell = l.substring(end[c - 1], end[c]);
                    if (names.get(c - 1).equals("Output shape")) {
                        String[] words = cell.strip().split(" ");
                        cell = words[words.length - 1];
                    }
                    r[k] = number(cell);
                }
                k++;
            }
            rows.add(r);
        }
        return new Table(columns, rows);
    }

    /** The Markdown table after "## Layers"; the last row is the bold total. */
    static Table markdown(String out) {
        List<String> names = null;
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
            if (!in || !l.startsWith("| ") || l.startsWith("| ---")) {
                continue;
            }
            List<String> cells = List.of(l.substring(2, l.length() - 2).split(" \\| ", -1));
            if (names == null) {
                names = cells;
                continue;
            }
            rows.add(summedCells(names, cells));
        }
        return new Table(names.stream().filter(CrossFoot::summed).toList(), rows);
    }

    /** The CSV records (no total row): activation_elements, parameters, the role columns, macs. */
    static Table csv(String out) {
        List<List<String>> records = parseCsv(out);
        List<String> head = records.get(0);
        List<String> columns = head.subList(head.indexOf("activation_elements"), head.size()).stream()
                .filter(c -> !c.equals("shared_parameters"))
                .toList();
        List<long[]> rows = new ArrayList<>();
        for (List<String> rec : records.subList(1, records.size())) {
            long[] r = new long[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                r[c] = number(rec.get(head.indexOf(columns.get(c))));
            }
            rows.add(r);
        }
        return new Table(columns, rows);
    }

    /** The HTML layer table; the last row is the total. */
    static Table html(String out) {
        int from = out.indexOf("<table class=\"layers\">");
        String table = out.substring(from, out.indexOf("</table>", from));
        List<String> names = new ArrayList<>();
        Matcher th = Pattern.compile("<th(?: [^>]*)?>(.*?)</th>").matcher(table);
        while (th.find()) {
            names.add(th.group(1));
        }
        List<long[]> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr[^>]*>(.*?)</tr>").matcher(table);
        Pattern td = Pattern.compile("<td[^>]*>(.*?)</td>");
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher m = td.matcher(tr.group(1));
            while (m.find()) {
                cells.add(m.group(1).replace("&ge;", "≥"));
            }
            if (!cells.isEmpty()) {
                rows.add(summedCells(names, cells));
            }
        }
        return new Table(names.stream().filter(CrossFoot::summed).toList(), rows);
    }

    private static long[] summedCells(List<String> names, List<String> cells) {
        List<String> columns = names.stream().filter(CrossFoot::summed).toList();
        long[] r = new long[columns.size()];
        int k = 0;
        for (int c = 0; c < names.size(); c++) {
            if (summed(names.get(c))) {
                r[k++] = number(cells.get(c));
            }
        }
        return r;
    }

    static long[] sum(List<long[]> rows) {
        long[] s = new long[rows.isEmpty() ? 0 : rows.get(0).length];
        for (long[] r : rows) {
            for (int c = 0; c < s.length; c++) {
                s[c] += r[c];
            }
        }
        return s;
    }

    /**
     * "1,234" -> 1234; blank, "?", "unknown" -> 0; bold and lower-bound marks dropped; a shared "+N*" (escaped "+N\\*"
     * in Markdown) is not the cell's figure.
     */
    static long number(String cell) {
        String s = cell.replace("**", "")
                .replaceAll("\\+[0-9,]+\\\\?\\*", "")
                .replace(">=", "")
                .replace("≥", "")
                .replace(",", "")
                .strip();
        return s.isEmpty() || s.equals("?") || s.equals("unknown") ? 0 : Long.parseLong(s);
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
