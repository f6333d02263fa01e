package dev.modelcost.core.io.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one small JSON reader of the project (Keras configurations, safetensors headers, Hugging Face config.json),
 * bounded in input length and nesting depth. Objects become {@link LinkedHashMap}, arrays {@link ArrayList},
 * numbers {@link Long} or {@link Double}, and {@code NaN}/{@code Infinity} (which Python's json module writes) are
 * accepted as doubles. A repeated member name keeps the last value, as Python does, unless the caller asks for
 * unique names (a safetensors header naming one tensor twice is malformed, not resolved).
 */
public final class Json {
    /** Raised for text that is not JSON or breaks a bound; the message says where. */
    public static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    public static final int MAX_DEPTH = 256;

    private final String text;
    private final boolean uniqueNames;
    private int pos;

    private Json(String text, boolean uniqueNames) {
        this.text = text;
        this.uniqueNames = uniqueNames;
    }

    /** The value of {@code text}, of at most {@code maxChars} characters. */
    public static Object parse(String text, long maxChars) throws JsonException {
        return parse(text, maxChars, false);
    }

    /** As {@link #parse}, refusing an object that names one member twice. */
    public static Object parseUniqueNames(String text, long maxChars) throws JsonException {
        return parse(text, maxChars, true);
    }

    /** Receives the members of an object one at a time (see {@link #forEachMember}). */
    @FunctionalInterface
    public interface MemberVisitor {
        void member(String name, Object value);
    }

    /**
     * Walks the object {@code text} holds member by member, refusing repeated names, and keeps none of the values:
     * memory is that of one member at a time plus the names seen (and whatever the visitor keeps), so a header of
     * a million small members costs the visitor's records, not a million maps. The visitor may throw to stop.
     */
    public static void forEachMember(String text, long maxChars, MemberVisitor visitor) throws JsonException {
        if (text.length() > maxChars) {
            throw new JsonException("JSON of " + text.length() + " characters exceeds the limit of " + maxChars);
        }
        Json j = new Json(text, true);
        j.skipSpace();
        if (j.peek() != '{') {
            throw j.error("expected an object");
        }
        Set<String> seen = new HashSet<>();
        j.members(
                0,
                (name, value) -> {
                    seen.add(name);
                    visitor.member(name, value);
                },
                seen);
        j.skipSpace();
        if (j.pos != text.length()) {
            throw j.error("unexpected text after the JSON value");
        }
    }

    private static Object parse(String text, long maxChars, boolean uniqueNames) throws JsonException {
        if (text.length() > maxChars) {
            throw new JsonException("JSON of " + text.length() + " characters exceeds the limit of " + maxChars);
        }
        Json j = new Json(text, uniqueNames);
        j.skipSpace();
        Object v = j.value(0);
        j.skipSpace();
        if (j.pos != text.length()) {
            throw j.error("unexpected text after the JSON value");
        }
        return v;
    }

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("unexpected end of JSON");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            case 'N':
                return literal("NaN", Double.NaN);
            case 'I':
                return literal("Infinity", Double.POSITIVE_INFINITY);
            default:
                return number();
        }
    }

    private Map<String, Object> object(int depth) throws JsonException {
        Map<String, Object> out = new LinkedHashMap<>();
        members(depth, out::put, out.keySet());
        return out;
    }

    /** The members of the object at {@code pos}, each handed to {@code visitor}; {@code seen} holds the names so far. */
    private void members(int depth, MemberVisitor visitor, Set<String> seen) throws JsonException {
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (uniqueNames && seen.contains(key)) {
                throw error("member '" + key + "' named twice");
            }
            Object v = value(depth + 1);
            visitor.member(key, v);
            skipSpace();
            char c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws JsonException {
        pos++;
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            out.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Object number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
            if (peek() == 'I') {
                literal("Infinity", null);
                return Double.NEGATIVE_INFINITY;
            }
        }
        boolean integral = true;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c >= '0' && c <= '9' || c == '-' || c == '+') {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                integral = false;
                pos++;
            } else {
                break;
            }
        }
        String s = text.substring(start, pos);
        if (s.isEmpty() || s.equals("-")) {
            throw error("unexpected character");
        }
        try {
            if (integral) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(s);
                }
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error("bad number '" + s + "'");
        }
    }

    private Object literal(String word, Object v) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return v;
    }

    private void expect(char c) throws JsonException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws JsonException {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON");
        }
        return text.charAt(pos++);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private JsonException error(String what) {
        return new JsonException(what + " at character " + pos);
    }
}
