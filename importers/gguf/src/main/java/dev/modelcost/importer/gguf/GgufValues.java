package dev.modelcost.importer.gguf;

import java.io.IOException;

/**
 * Reads one GGUF metadata value of a given type. Scalars and strings come back as Long, Double, Boolean and String
 * (strings cut to {@value #KEPT_STRING_BYTES} bytes); arrays are walked element by element, in the cursor's bounded
 * window, and come back as an {@link ArraySummary}: a vocabulary of megabytes is counted, not kept.
 */
final class GgufValues {
    static final int STRING = 8;
    static final int ARRAY = 9;
    static final int KEPT_STRING_BYTES = 1024;
    private static final int MAX_ARRAY_DEPTH = 8;
    private static final String[] NAMES = {
        "UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "BOOL", "STRING", "ARRAY", "UINT64", "INT64",
        "FLOAT64"
    };

    /** An array value: its element type, its length, and its first element where that is a scalar or string. */
    record ArraySummary(String elementType, long count, Object first) {
        @Override
        public String toString() {
            return "[" + count + " x " + elementType + "]";
        }
    }

    private final GgufCursor in;
    private final int version;

    GgufValues(GgufCursor in, int version) {
        this.in = in;
        this.version = version;
    }

    static String typeName(long type) {
        return type >= 0 && type < NAMES.length ? NAMES[(int) type] : "type " + type;
    }

    /** A string: u64 length (u32 in v1) and its bytes. */
    String string(int keepBytes) throws IOException {
        return in.string(version == 1 ? in.u32() : in.u64(), keepBytes);
    }

    long count() throws IOException {
        return version == 1 ? in.u32() : in.u64();
    }

    Object value(long type, int depth) throws IOException {
        return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0 -> (long) in.u8();
            case 1 -> (long) (byte) in.u8();
            case 2 -> (long) in.u16();
            case 3 -> (long) (short) in.u16();
            case 4 -> in.u32();
            case 5 -> (long) in.i32();
            case 6 -> (double) in.f32();
            case 7 -> in.u8() != 0;
            case STRING -> string(KEPT_STRING_BYTES);
            case ARRAY -> array(depth);
            case 10, 11 -> in.u64(); // u64 above 2^63 reads negative; no hyperparameter is that large
            case 12 -> in.f64();
            default -> throw Problems.malformed(in.source(), "byte " + in.position(), "unknown value type " + type);
        };
    }

    private ArraySummary array(int depth) throws IOException {
        if (depth >= MAX_ARRAY_DEPTH) {
            throw Problems.malformed(
                    in.source(), "byte " + in.position(), "arrays nested deeper than " + MAX_ARRAY_DEPTH);
        }
        long elementType = in.u32();
        long count = count();
        if (count < 0 || count > in.source().sizeBytes() - in.position()) {
            // every element takes at least one byte, so a count past the bytes left is a lie
            throw Problems.malformed(
                    in.source(),
                    "byte " + in.position(),
                    "an array of " + Long.toUnsignedString(count) + " elements cannot fit in the "
                            + (in.source().sizeBytes() - in.position()) + " bytes left");
        }
        int fixed = fixedWidth(elementType);
        Object first = null;
        if (fixed > 0) {
            if (count > 0) {
                first = value(elementType, depth + 1);
                in.skip(Math.multiplyExact(count - 1, (long) fixed));
            }
        } else {
            for (long i = 0; i < count; i++) {
                Object v = value(elementType, depth + 1);
                if (i == 0) {
                    first = v;
                }
            }
        }
        return new ArraySummary(typeName(elementType), count, first instanceof ArraySummary ? null : first);
    }

    /** Bytes of one element of a fixed-width type; 0 for strings and arrays; refuses unknown types. */
    private int fixedWidth(long type) {
        return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0, 1, 7 -> 1;
            case 2, 3 -> 2;
            case 4, 5, 6 -> 4;
            case 10, 11, 12 -> 8;
            case STRING, ARRAY -> 0;
            default -> throw Problems.malformed(
                    in.source(), "byte " + in.position(), "unknown array element type " + type);
        };
    }
}
