package dev.modelcost.cli.format;

import java.io.PrintWriter;

/** RFC 4180 records: fields with a comma, quote or line break are quoted, quotes doubled, CRLF line ends. */
final class Csv {
    private Csv() {}

    static void record(PrintWriter out, String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i] == null ? "" : fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        out.print(sb);
        out.print("\r\n");
    }
}
