package dev.modelcost.importer.dl4j;

import dev.modelcost.core.spi.MalformedModelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every byte of a zip archive sits, read from the end-of-central-directory record, the central
 * directory and each entry's local header. Nothing is inflated here; sizes are checked against the file.
 */
final class ZipLayout {
    static final int LOCAL_SIG = 0x04034b50;
    static final int CENTRAL_SIG = 0x02014b50;
    static final int EOCD_SIG = 0x06054b50;
    static final int DESCRIPTOR_SIG = 0x08074b50;
    static final int ZIP64_EOCD_SIG = 0x06064b50;
    static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int EOCD_MIN = 22;
    private static final long MAX32 = 0xffffffffL;
    /** A central directory larger than this is refused before it is read. */
    static final long MAX_CENTRAL_DIRECTORY_BYTES = 64L * 1024 * 1024;

    /** One entry: the local header spans [localOffset, dataOffset), the data [dataOffset, dataOffset + compressedSize). */
    record Entry(String name, int method, int flags, long localOffset, long dataOffset, long compressedSize, long size) {
        long localHeaderBytes() { return dataOffset - localOffset; }

        boolean deflated() { return method == 8; }

        boolean stored() { return method == 0; }

        long dataEnd() { return dataOffset + compressedSize; }
    }

    private final long fileBytes;
    private final Map<String, Entry> entries;
    private final long centralOffset;
    private final long centralBytes;
    private final long endRecordsOffset;
    private final boolean zip64;

    private ZipLayout(long fileBytes, Map<String, Entry> entries, long centralOffset, long centralBytes,
                      long endRecordsOffset, boolean zip64) {
        this.fileBytes = fileBytes;
        this.entries = entries;
        this.centralOffset = centralOffset;
        this.centralBytes = centralBytes;
        this.endRecordsOffset = endRecordsOffset;
        this.zip64 = zip64;
    }

    long fileBytes() { return fileBytes; }

    /** Entries by name, in central-directory order. */
    Map<String, Entry> entries() { return Collections.unmodifiableMap(entries); }

    Entry entry(String name) { return entries.get(name); }

    long centralOffset() { return centralOffset; }

    long centralBytes() { return centralBytes; }

    /** Where the end records begin (the zip64 end record when there is one, else the end-of-central-directory record). */
    long endRecordsOffset() { return endRecordsOffset; }

    boolean zip64() { return zip64; }

    /** Entries sorted by where they sit in the file. */
    List<Entry> byOffset() {
        List<Entry> out = new ArrayList<>(entries.values());
        out.sort(Comparator.comparingLong(Entry::localOffset));
        return out;
    }

    static ZipLayout read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < EOCD_MIN) {
            throw new MalformedModelException(file, "", "too short for a zip archive (" + size + " bytes)");
        }
        int tailLen = (int) Math.min(size, EOCD_MIN + 65_535L);
        ByteBuffer tail = readAt(ch, size - tailLen, tailLen);
        int eocd = -1;
        for (int i = tailLen - EOCD_MIN; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIG && i + EOCD_MIN + (tail.getShort(i + 20) & 0xffff) == tailLen) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new MalformedModelException(file, "", "no zip end-of-central-directory record");
        }
        long eocdOffset = size - tailLen + eocd;
        long count = tail.getShort(eocd + 10) & 0xffff;
        long cdBytes = tail.getInt(eocd + 12) & MAX32;
        long cdOffset = tail.getInt(eocd + 16) & MAX32;
        long endRecords = eocdOffset;
        boolean zip64 = eocdOffset >= 20 && readAt(ch, eocdOffset - 20, 4).getInt(0) == ZIP64_LOCATOR_SIG;
        if (zip64) {
            long z64 = readAt(ch, eocdOffset - 20, 20).getLong(8);
            if (z64 < 0 || z64 + 56 > eocdOffset - 20) {
                throw new MalformedModelException(file, "offset " + (eocdOffset - 20), "zip64 locator points outside the file");
            }
            ByteBuffer r = readAt(ch, z64, 56);
            if (r.getInt(0) != ZIP64_EOCD_SIG) {
                throw new MalformedModelException(file, "offset " + z64, "no zip64 end record where the locator points");
            }
            count = r.getLong(32);
            cdBytes = r.getLong(40);
            cdOffset = r.getLong(48);
            endRecords = z64;
        } else if (cdOffset == MAX32 || count == 0xffff || cdBytes == MAX32) {
            throw new MalformedModelException(file, "offset " + eocdOffset, "zip64 sizes without a zip64 end record");
        }
        if (cdOffset < 0 || cdBytes < 0 || cdOffset + cdBytes != endRecords) {
            throw new MalformedModelException(file, "offset " + endRecords,
                    "central directory [" + cdOffset + ", +" + cdBytes + ") does not end at the end records");
        }
        if (cdBytes > MAX_CENTRAL_DIRECTORY_BYTES) {
            throw new MalformedModelException(file, "offset " + cdOffset, "central directory of " + cdBytes
                    + " bytes, over the limit of " + MAX_CENTRAL_DIRECTORY_BYTES);
        }
        ByteBuffer cd = readAt(ch, cdOffset, (int) cdBytes);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > cdBytes || cd.getInt(p) != CENTRAL_SIG) {
                throw new MalformedModelException(file, "offset " + (cdOffset + p), "bad central directory entry " + i);
            }
            int flags = cd.getShort(p + 8) & 0xffff;
            int method = cd.getShort(p + 10) & 0xffff;
            long csize = cd.getInt(p + 20) & MAX32;
            long usize = cd.getInt(p + 24) & MAX32;
            int nameLen = cd.getShort(p + 28) & 0xffff;
            int extraLen = cd.getShort(p + 30) & 0xffff;
            int commentLen = cd.getShort(p + 32) & 0xffff;
            long local = cd.getInt(p + 42) & MAX32;
            if (p + 46L + nameLen + extraLen + commentLen > cdBytes) {
                throw new MalformedModelException(file, "offset " + (cdOffset + p), "central directory entry " + i + " overruns");
            }
            if (usize == MAX32 || csize == MAX32 || local == MAX32) {
                long[] v = zip64Extra(file, cd, p + 46 + nameLen, extraLen, usize == MAX32, csize == MAX32, local == MAX32);
                usize = usize == MAX32 ? v[0] : usize;
                csize = csize == MAX32 ? v[1] : csize;
                local = local == MAX32 ? v[2] : local;
            }
            byte[] nameBytes = new byte[nameLen];
            cd.get(p + 46, nameBytes);
            String name = new String(nameBytes, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            p += 46 + nameLen + extraLen + commentLen;
            long dataOffset = localDataOffset(file, ch, local, cdOffset);
            if (csize < 0 || dataOffset + csize > cdOffset) {
                throw new MalformedModelException(file, name, "entry data (" + csize + " bytes at " + dataOffset
                        + ") runs into the central directory at " + cdOffset);
            }
            if (entries.put(name, new Entry(name, method, flags, local, dataOffset, csize, usize)) != null) {
                throw new MalformedModelException(file, name, "duplicate zip entry name");
            }
        }
        if (p != cdBytes) {
            throw new MalformedModelException(file, "offset " + (cdOffset + p), "central directory has "
                    + (cdBytes - p) + " bytes after its " + count + " entries");
        }
        checkNoOverlap(file, entries.values());
        return new ZipLayout(size, entries, cdOffset, cdBytes, endRecords, zip64);
    }

    /** The zip64 extended-information extra field (0x0001): the 64-bit values of the fields marked 0xffffffff, in order. */
    private static long[] zip64Extra(Path file, ByteBuffer cd, int at, int len, boolean usize, boolean csize, boolean local) {
        int end = at + len;
        int p = at;
        while (p + 4 <= end) {
            int id = cd.getShort(p) & 0xffff;
            int size = cd.getShort(p + 2) & 0xffff;
            if (p + 4 + size > end) {
                break;
            }
            if (id == 0x0001) {
                long[] out = new long[3];
                int q = p + 4;
                boolean[] wanted = {usize, csize, local};
                for (int i = 0; i < 3; i++) {
                    if (wanted[i]) {
                        if (q + 8 > p + 4 + size) {
                            throw new MalformedModelException(file, "", "zip64 extra field too short");
                        }
                        out[i] = cd.getLong(q);
                        if (out[i] < 0) {
                            throw new MalformedModelException(file, "", "zip64 size or offset out of range");
                        }
                        q += 8;
                    }
                }
                return out;
            }
            p += 4 + size;
        }
        throw new MalformedModelException(file, "", "zip64 sizes without a zip64 extra field");
    }

    private static long localDataOffset(Path file, FileChannel ch, long local, long cdOffset) throws IOException {
        if (local < 0 || local + 30 > cdOffset) {
            throw new MalformedModelException(file, "offset " + local, "local header outside the archive's data area");
        }
        ByteBuffer h = readAt(ch, local, 30);
        if (h.getInt(0) != LOCAL_SIG) {
            throw new MalformedModelException(file, "offset " + local, "no local file header signature");
        }
        int nameLen = h.getShort(26) & 0xffff;
        int extraLen = h.getShort(28) & 0xffff;
        return local + 30 + nameLen + extraLen;
    }

    private static void checkNoOverlap(Path file, java.util.Collection<Entry> all) {
        List<Entry> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(Entry::localOffset));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            if (prev.dataEnd() > sorted.get(i).localOffset()) {
                throw new MalformedModelException(file, sorted.get(i).name(), "zip entries overlap ('" + prev.name() + "')");
            }
        }
    }

    static ByteBuffer readAt(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new java.io.EOFException("end of file at " + (offset + b.position()));
            }
        }
        return b.flip();
    }
}
