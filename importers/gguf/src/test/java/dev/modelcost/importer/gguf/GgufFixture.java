package dev.modelcost.importer.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes small GGUF v3 files for tests (layout from the GGUF spec); payload bytes are zero. */
final class GgufFixture {
    private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
    private final ByteArrayOutputStream infos = new ByteArrayOutputStream();
    private int kvCount;
    private int tensorCount;
    private long dataBytes;
    private long tensorCountOverride = -1;

    GgufFixture u32(String key, long v) {
        string(kv, key);
        put(kv, 4, 4);
        put(kv, 4, v);
        kvCount++;
        return this;
    }

    GgufFixture str(String key, String v) {
        string(kv, key);
        put(kv, 4, 8);
        string(kv, v);
        kvCount++;
        return this;
    }

    /** A key/value written as given bytes after the key (type and value). */
    GgufFixture rawValue(String key, byte[] typeAndValue) {
        string(kv, key);
        kv.writeBytes(typeAndValue);
        kvCount++;
        return this;
    }

    GgufFixture tensor(String name, int type, long offset, long... dimsGgml) {
        string(infos, name);
        put(infos, 4, dimsGgml.length);
        for (long d : dimsGgml) {
            put(infos, 8, d);
        }
        put(infos, 4, type);
        put(infos, 8, offset);
        tensorCount++;
        return this;
    }

    GgufFixture data(long bytes) {
        dataBytes = bytes;
        return this;
    }

    GgufFixture tensorCount(long n) {
        tensorCountOverride = n;
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        put(out, 4, 3);
        put(out, 8, tensorCountOverride >= 0 ? tensorCountOverride : tensorCount);
        put(out, 8, kvCount);
        out.writeBytes(kv.toByteArray());
        out.writeBytes(infos.toByteArray());
        if (tensorCount > 0) {
            out.writeBytes(new byte[(32 - out.size() % 32) % 32]);
            out.writeBytes(new byte[(int) dataBytes]);
        }
        return out.toByteArray();
    }

    static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        put(out, 8, b.length);
        out.writeBytes(b);
    }

    static void put(ByteArrayOutputStream out, int bytes, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        out.write(b.array(), 0, bytes);
    }

    static byte[] le(int bytes, long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, bytes, v);
        return out.toByteArray();
    }
}
