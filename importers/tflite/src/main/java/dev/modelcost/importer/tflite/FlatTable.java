package dev.modelcost.importer.tflite;

import dev.modelcost.core.spi.MalformedModelException;

import java.nio.charset.StandardCharsets;

/**
 * One flatbuffers table: its position and its vtable, every field found through the vtable and every offset
 * followed only after it is checked to lie in the file. Absent fields read as their schema default.
 * Field ids are the schema's declaration order (a union takes two: its type, then its value).
 */
final class FlatTable {
    private final PagedReader reader;
    private final long position;
    private final long vtable;
    private final int vtableBytes;

    private FlatTable(PagedReader reader, long position) {
        this.reader = reader;
        this.position = position;
        this.vtable = position - reader.i32(position);
        reader.claim(vtable, 4, "a vtable");
        this.vtableBytes = reader.u16(vtable);
        if (vtableBytes < 4 || (vtableBytes & 1) != 0) {
            throw new MalformedModelException(
                    (String) null, "byte " + vtable, "a vtable declares " + vtableBytes + " bytes");
        }
        reader.claim(vtable, vtableBytes, "a vtable");
        reader.claim(position, reader.u16(vtable + 2), "a table");
    }

    /** The root table: the uoffset at byte 0. */
    static FlatTable root(PagedReader reader) {
        return new FlatTable(reader, reader.u32(0));
    }

    long position() {
        return position;
    }

    /** Absolute position of field {@code id}, or -1 when the table does not hold it. */
    long field(int id) {
        int slot = 4 + 2 * id;
        if (slot + 2 > vtableBytes) {
            return -1;
        }
        int offset = reader.u16(vtable + slot);
        return offset == 0 ? -1 : position + offset;
    }

    boolean has(int id) {
        return field(id) >= 0;
    }

    int u8(int id, int fallback) {
        long p = field(id);
        return p < 0 ? fallback : reader.u8(p);
    }

    int i8(int id, int fallback) {
        long p = field(id);
        return p < 0 ? fallback : (byte) reader.u8(p);
    }

    int i32(int id, int fallback) {
        long p = field(id);
        return p < 0 ? fallback : reader.i32(p);
    }

    long u32(int id, long fallback) {
        long p = field(id);
        return p < 0 ? fallback : reader.u32(p);
    }

    long i64(int id, long fallback) {
        long p = field(id);
        return p < 0 ? fallback : reader.i64(p);
    }

    boolean bool(int id) {
        return u8(id, 0) != 0;
    }

    /** The table a field points to, or null. */
    FlatTable table(int id) {
        long p = field(id);
        return p < 0 ? null : new FlatTable(reader, indirect(p));
    }

    /** The vector a field points to (its length checked against the file), or null. */
    FlatVector vector(int id, int elementBytes) {
        long p = field(id);
        if (p < 0) {
            return null;
        }
        long start = indirect(p);
        long length = reader.u32(start);
        reader.claim(start + 4, length * elementBytes, "a vector of " + length + " elements");
        return new FlatVector(reader, start + 4, length, elementBytes);
    }

    /** A string field, cut at {@code maxBytes} (a name is for messages, not worth megabytes); null when absent. */
    String string(int id, int maxBytes) {
        FlatVector v = vector(id, 1);
        if (v == null) {
            return null;
        }
        int n = (int) Math.min(v.length(), maxBytes);
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) reader.u8(v.dataPosition() + i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long indirect(long p) {
        return p + reader.u32(p);
    }

    /** A vector of scalars or of offsets to tables. */
    record FlatVector(PagedReader reader, long dataPosition, long length, int elementBytes) {
        int i32(long i) {
            return reader.i32(dataPosition + 4 * i);
        }

        long i64(long i) {
            return reader.i64(dataPosition + 8 * i);
        }

        float f32(long i) {
            return reader.f32(dataPosition + 4 * i);
        }

        FlatTable table(long i) {
            long p = dataPosition + 4 * i;
            return new FlatTable(reader, p + reader.u32(p));
        }

        long bytes() {
            return length * elementBytes;
        }
    }
}
