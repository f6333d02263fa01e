package dev.modelcost.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Passes text through, but shows the characters a hostile model file could use to take over a terminal or to
 * disguise a name (escape sequences, carriage returns, other controls, bidirectional overrides) as visible
 * JSON-style escapes (a backslash, {@code u}, four hex digits). Names, doc strings and messages come from the file; tabs, newlines and the
 * {@code \r\n} line ends of CSV stay as they are.
 */
final class TerminalSafeWriter extends FilterWriter {
    private boolean pendingCarriageReturn;

    TerminalSafeWriter(Writer out) {
        super(out);
    }

    /** One line of text with every unsafe character escaped and newlines as spaces (for stderr messages). */
    static String escapeLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append(' ');
            } else if (unsafe(c)) {
                appendEscape(sb, c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Where {@code text} holds a character this writer would have escaped (a {@code \r\n} line end is fine), or -1. */
    static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (unsafe(c) && !lineEnd) {
                return i;
            }
        }
        return -1;
    }

    static boolean unsafe(char c) {
        return (c < 0x20 && c != '\t' && c != '\n')
                || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static void appendEscape(StringBuilder sb, char c) {
        // The JSON form of the character, so that JSON output stays valid and decodes back to the file's text.
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write(s.toCharArray(), off, len);
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = off; i < off + len; i++) {
            char ch = buf[i];
            if (pendingCarriageReturn) {
                pendingCarriageReturn = false;
                if (ch == '\n') {
                    sb.append("\r\n");
                    continue;
                }
                sb.append("\\u000d");
            }
            if (ch == '\r') {
                pendingCarriageReturn = true;
            } else if (unsafe(ch)) {
                appendEscape(sb, ch);
            } else {
                sb.append(ch);
            }
        }
        out.write(sb.toString());
    }

    @Override
    public void flush() throws IOException {
        // A lone \r at the very end is held until the next character tells whether it ends a line; flushing
        // does not release it, so the output never ends in a bare carriage return.
        super.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingCarriageReturn) {
            pendingCarriageReturn = false;
            out.write("\\u000d");
        }
        super.close();
    }
}
