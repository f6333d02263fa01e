package dev.modelcost.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A zip64 archive written byte by byte, as Java writes one for entries over 4 GiB, at a small size: stored entries
 * whose 32-bit sizes and offsets are 0xffffffff with the real values in zip64 extra fields (16 bytes in local
 * headers, 24 in central records), then the zip64 end record, its locator and the classic end record. Layout from
 * the zip specification (APPNOTE 4.3.14, 4.3.15, 4.5.3); tests of every zip-based format build their archives here.
 */
public final class Zip64Bytes {
    /** Signature of a central directory record. */
    public static final int CENTRAL_SIG = 0x02014b50;

    private Zip64Bytes() {}

    /** The archive of {@code entries}, in their iteration order. */
    public static byte[] of(Map<String, byte[]> entries) {
        LittleEndian z = new LittleEndian();
        long[] offsets = new long[entries.size()];
        long[] crcs = new long[entries.size()];
        int i = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            crcs[i] = crc(e.getValue());
            offsets[i++] = z.size();
            localHeader(z, e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue(), crcs[i - 1]);
        }
        long cdStart = z.size();
        i = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            centralRecord(z, e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().length, crcs[i], offsets[i]);
            i++;
        }
        long cdEnd = z.size();
        endRecords(z, entries.size(), cdStart, cdEnd);
        return z.out.toByteArray();
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static void localHeader(LittleEndian z, byte[] name, byte[] data, long crc) {
        z.i4(0x04034b50).i2(45).i2(0).i2(0).i2(0).i2(0x21).i4(crc);
        z.i4(0xffffffffL).i4(0xffffffffL).i2(name.length).i2(20).bytes(name);
        z.i2(1).i2(16).i8(data.length).i8(data.length).bytes(data);
    }

    private static void centralRecord(LittleEndian z, byte[] name, long size, long crc, long offset) {
        z.i4(CENTRAL_SIG).i2(45).i2(45).i2(0).i2(0).i2(0).i2(0x21).i4(crc);
        z.i4(0xffffffffL)
                .i4(0xffffffffL)
                .i2(name.length)
                .i2(28)
                .i2(0)
                .i2(0)
                .i2(0)
                .i4(0)
                .i4(0xffffffffL);
        z.bytes(name).i2(1).i2(24).i8(size).i8(size).i8(offset);
    }

    private static void endRecords(LittleEndian z, int count, long cdStart, long cdEnd) {
        z.i4(0x06064b50)
                .i8(44)
                .i2(45)
                .i2(45)
                .i4(0)
                .i4(0)
                .i8(count)
                .i8(count)
                .i8(cdEnd - cdStart)
                .i8(cdStart);
        z.i4(0x07064b50).i4(0).i8(cdEnd).i4(1);
        z.i4(0x06054b50)
                .i2(0)
                .i2(0)
                .i2(0xffff)
                .i2(0xffff)
                .i4(0xffffffffL)
                .i4(0xffffffffL)
                .i2(0);
    }

    /** Little-endian writer. */
    private static final class LittleEndian {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        LittleEndian i2(int v) {
            out.write(v & 0xff);
            out.write((v >>> 8) & 0xff);
            return this;
        }

        LittleEndian i4(long v) {
            i2((int) (v & 0xffff));
            return i2((int) ((v >>> 16) & 0xffff));
        }

        LittleEndian i8(long v) {
            i4(v & 0xffffffffL);
            return i4(v >>> 32);
        }

        LittleEndian bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        int size() {
            return out.size();
        }
    }
}
