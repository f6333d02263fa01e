package dev.modelcost.source.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One extra request header, e.g. a private hub's {@code Authorization: Bearer …}. Its value is a secret: it never
 * appears in {@link #toString()}, in an error message or in a report.
 */
public record RequestHeader(String name, String value) {

    /** Headers the range reader sets itself, or that the JDK's client refuses to take from a caller. */
    private static final Set<String> RESERVED = Set.of(
            "range",
            "host",
            "connection",
            "content-length",
            "expect",
            "upgrade",
            "if-range",
            "if-match",
            "accept-encoding");

    public RequestHeader {
        if (!isToken(name) || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a header name modelcost may send: '" + safeName(name) + "'");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("the value of header " + name + " holds a line break or NUL");
        }
    }

    /**
     * Headers from the environment's text: one {@code Name: value} per line (blank lines skipped). A line that is
     * not a header is refused by its line number only, never echoed, since it may be a token.
     */
    public static List<RequestHeader> parseLines(String text) {
        List<RequestHeader> headers = new ArrayList<>();
        if (text == null) {
            return headers;
        }
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header line " + (i + 1) + " is not 'Name: value'");
            }
            headers.add(new RequestHeader(
                    line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return headers;
    }

    @Override
    public String toString() {
        return name + ": <hidden>";
    }

    private static boolean isToken(String s) {
        if (s == null || s.isEmpty() || s.length() > 256) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String safeName(String name) {
        return name == null ? "" : name.replaceAll("[^A-Za-z0-9-]", "?");
    }
}
