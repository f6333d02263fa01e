package dev.modelcost.cli.format;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/** A small streaming JSON writer, with two-space indentation or compact on one line; it only writes, never computes. */
public final class JsonWriter {
    private final PrintWriter out;
    private final Deque<boolean[]> first = new ArrayDeque<>();
    private final boolean compact;
    private boolean afterKey;

    public JsonWriter(PrintWriter out) {
        this(out, false);
    }

    /** {@code compact}: no line breaks or indentation (JSON Lines). */
    public JsonWriter(PrintWriter out, boolean compact) {
        this.out = out;
        this.compact = compact;
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    public JsonWriter key(String name) {
        separator();
        out.print(quote(name));
        out.print(compact ? ":" : ": ");
        afterKey = true;
        return this;
    }

    public JsonWriter value(String s) {
        separator();
        out.print(s == null ? "null" : quote(s));
        return this;
    }

    public JsonWriter value(long v) {
        separator();
        out.print(v);
        return this;
    }

    public JsonWriter value(Long v) {
        separator();
        out.print(v == null ? "null" : v.toString());
        return this;
    }

    public JsonWriter value(boolean v) {
        separator();
        out.print(v);
        return this;
    }

    public JsonWriter nullValue() {
        separator();
        out.print("null");
        return this;
    }

    public JsonWriter field(String name, String v) {
        return key(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return key(name).value(v);
    }

    public JsonWriter field(String name, Long v) {
        return key(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return key(name).value(v);
    }

    public void finish() {
        out.println();
        out.flush();
    }

    private JsonWriter open(char c) {
        separator();
        out.print(c);
        first.push(new boolean[] {true});
        return this;
    }

    private JsonWriter close(char c) {
        boolean empty = first.pop()[0];
        if (!empty) {
            newline();
        }
        out.print(c);
        return this;
    }

    private void separator() {
        if (afterKey) {
            afterKey = false;
            return;
        }
        if (first.isEmpty()) {
            return;
        }
        boolean[] f = first.peek();
        if (!f[0]) {
            out.print(',');
        }
        f[0] = false;
        newline();
    }

    private void newline() {
        if (compact) {
            return;
        }
        out.print('\n');
        out.print("  ".repeat(first.size()));
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
