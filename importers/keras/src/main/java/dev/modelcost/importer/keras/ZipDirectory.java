package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The central directory of a zip file, read from the end of the file without extracting anything:
 * each entry's name, method, sizes, and where its data starts. Zip64 sizes and offsets are understood.
 */
final class ZipDirectory {

    record Entry(String name, int method, long compressedBytes, long uncompressedBytes, long headerOffset, long dataOffset, int flags) {
        boolean stored() { return method == 0; }
    }

    /** A zip that cannot be read; the message says where. */
    static final class ZipException extends Exception {
        private static final long serialVersionUID = 1L;
        ZipException(String message) { super(message); }
    }

    static final int MAX_ENTRIES = 100_000;
    private static final int EOCD_SIG = 0x06054b50;
    private static final int EOCD64_LOCATOR_SIG = 0x07064b50;
    private static final int EOCD64_SIG = 0x06064b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int LOC_SIG = 0x04034b50;

    private final List<Entry> entries;
    private final long directoryOffset;
    private final long directoryBytes;
    private final long eocdOffset;
    private final long endRecordsOffset;

    private ZipDirectory(List<Entry> entries, long directoryOffset, long directoryBytes, long eocdOffset, long endRecordsOffset) {
        this.entries = entries;
        this.directoryOffset = directoryOffset;
        this.directoryBytes = directoryBytes;
        this.eocdOffset = eocdOffset;
        this.endRecordsOffset = endRecordsOffset;
    }

    long directoryBytes() { return directoryBytes; }

    /** Where the end-of-central-directory record starts. */
    long eocdOffset() { return eocdOffset; }

    /** Where the end records start: the zip64 end record when there is one, else the end-of-central-directory record. */
    long endRecordsOffset() { return endRecordsOffset; }

    List<Entry> entries() { return entries; }

    long directoryOffset() { return directoryOffset; }

    /** The last entry of this name (as Python's zipfile resolves duplicates), or null. */
    Entry find(String name) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                found = e;
            }
        }
        return found;
    }

    static ZipDirectory read(FileChannel ch) throws IOException, ZipException {
        long size = ch.size();
        // Without an archive comment the end record is the last 22 bytes (20 more for a zip64 locator); only
        // otherwise search the largest tail a comment allows, which may cover entry data.
        int tail = (int) Math.min(size, 42);
        ByteBuffer end = read(ch, size - tail, tail);
        int eocd = tail >= 22 && end.getInt(tail - 22) == EOCD_SIG ? tail - 22 : -1;
        if (eocd < 0) {
            tail = (int) Math.min(size, 20 + 22 + 65_535);
            end = read(ch, size - tail, tail);
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD_SIG) {
                    eocd = i;
                    break;
                }
            }
        }
        if (eocd < 0) {
            throw new ZipException("no end-of-central-directory record");
        }
        long count = end.getShort(eocd + 10) & 0xFFFFL;
        long cdSize = end.getInt(eocd + 12) & 0xFFFFFFFFL;
        long cdOffset = end.getInt(eocd + 16) & 0xFFFFFFFFL;
        long eocdAt = size - tail + eocd;
        long endRecords = eocdAt;
        if (eocd >= 20 && end.getInt(eocd - 20) == EOCD64_LOCATOR_SIG) {
            long eocd64 = end.getLong(eocd - 20 + 8);
            if (eocd64 < 0 || eocd64 + 56 > size) {
                throw new ZipException("zip64 end record out of the file at " + eocd64);
            }
            ByteBuffer z = read(ch, eocd64, 56);
            if (z.getInt(0) != EOCD64_SIG) {
                throw new ZipException("bad zip64 end record at " + eocd64);
            }
            endRecords = eocd64;
            count = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
        }
        if (count > MAX_ENTRIES) {
            throw new ZipException(count + " entries exceed the limit of " + MAX_ENTRIES);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > size || cdSize > Integer.MAX_VALUE) {
            throw new ZipException("central directory (offset " + cdOffset + ", " + cdSize + " bytes) lies outside the file");
        }
        ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
        List<Entry> out = new ArrayList<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > cd.limit() || cd.getInt(p) != CEN_SIG) {
                throw new ZipException("bad central directory record at offset " + (cdOffset + p));
            }
            int flags = cd.getShort(p + 8) & 0xFFFF;
            int method = cd.getShort(p + 10) & 0xFFFF;
            long csize = cd.getInt(p + 20) & 0xFFFFFFFFL;
            long usize = cd.getInt(p + 24) & 0xFFFFFFFFL;
            int nameLen = cd.getShort(p + 28) & 0xFFFF;
            int extraLen = cd.getShort(p + 30) & 0xFFFF;
            int commentLen = cd.getShort(p + 32) & 0xFFFF;
            long lho = cd.getInt(p + 42) & 0xFFFFFFFFL;
            if (p + 46 + nameLen + extraLen + commentLen > cd.limit()) {
                throw new ZipException("central directory record runs past the directory at offset " + (cdOffset + p));
            }
            byte[] nameBytes = new byte[nameLen];
            cd.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            long[] z64 = {usize, csize, lho};
            readZip64(cd, p + 46 + nameLen, extraLen, z64);
            usize = z64[0];
            csize = z64[1];
            lho = z64[2];
            if (lho < 0 || lho + 30 > size) {
                throw new ZipException("entry '" + name + "' has its local header outside the file");
            }
            ByteBuffer loc = read(ch, lho, 30);
            if (loc.getInt(0) != LOC_SIG) {
                throw new ZipException("entry '" + name + "': no local header at offset " + lho);
            }
            long data = lho + 30 + (loc.getShort(26) & 0xFFFF) + (loc.getShort(28) & 0xFFFF);
            if (data + csize > size) {
                throw new ZipException("entry '" + name + "' (" + csize + " bytes at " + data + ") runs past the end of the file");
            }
            out.add(new Entry(name, method, csize, usize, lho, data, flags));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return new ZipDirectory(List.copyOf(out), cdOffset, cdSize, eocdAt, endRecords);
    }

    /** Replaces 0xFFFFFFFF sizes and offsets with their zip64 extra-field values, in the order the format fixes. */
    private static void readZip64(ByteBuffer cd, int start, int len, long[] v) {
        int p = start;
        while (p + 4 <= start + len) {
            int id = cd.getShort(p) & 0xFFFF;
            int sz = cd.getShort(p + 2) & 0xFFFF;
            if (id == 0x0001) {
                int q = p + 4;
                for (int i = 0; i < 3 && q + 8 <= p + 4 + sz; i++) {
                    if (v[i] == 0xFFFFFFFFL) {
                        v[i] = cd.getLong(q);
                        q += 8;
                    }
                }
                return;
            }
            p += 4 + sz;
        }
    }

    static ByteBuffer read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        if (b.limit() < length) {
            throw new java.io.EOFException("file ends before offset " + (offset + length));
        }
        return b;
    }
}
