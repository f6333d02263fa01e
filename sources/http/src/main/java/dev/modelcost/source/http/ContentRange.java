package dev.modelcost.source.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range: bytes FIRST-LAST/TOTAL} header (RFC 9110 §14.4), or {@code bytes *}{@code /TOTAL} for an
 * unsatisfied range (first and last are then -1). A total of "*" is refused: the reader needs the file's size.
 */
record ContentRange(long first, long lastInclusive, long totalBytes) {

    private static final Pattern SATISFIED = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d{1,18})");

    static Optional<ContentRange> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.trim();
        Matcher m = SATISFIED.matcher(text);
        if (m.matches()) {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            long total = Long.parseLong(m.group(3));
            return first <= last && last < total ? Optional.of(new ContentRange(first, last, total)) : Optional.empty();
        }
        Matcher u = UNSATISFIED.matcher(text);
        if (u.matches()) {
            return Optional.of(new ContentRange(-1, -1, Long.parseLong(u.group(1))));
        }
        return Optional.empty();
    }

    long lengthBytes() {
        return first < 0 ? 0 : lastInclusive - first + 1;
    }
}
