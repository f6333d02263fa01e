package dev.modelcost.core.io.zip;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.MalformedModelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A zip archive read in place through its {@link ModelSource}: the end-of-central-directory record (found from the
 * tail), the zip64 end record and locator, the central directory with zip64 extra fields, and each entry's local
 * header (for where its data starts). The one parser of zip structures for every zip-based format (Keras 3, DL4J,
 * PyTorch). Nothing is inflated here; {@link ZipEntryData} reads entries' bytes, bounded.
 * Hostile archives are refused with a {@link MalformedModelException}: a directory or entry outside the file or
 * overlapping another, a duplicate name, a stored entry whose two sizes differ, zip64 sizes without their records.
 */
public final class ZipArchive {
    /** A central directory larger than this is refused before it is read. */
    public static final long MAX_CENTRAL_DIRECTORY_BYTES = 64L * 1024 * 1024;

    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int LOCAL_HEADER_BYTES = 30;
    private static final int CENTRAL_HEADER_BYTES = 46;
    private static final int EOCD_BYTES = 22;
    private static final int ZIP64_LOCATOR_BYTES = 20;
    private static final int ZIP64_EOCD_BYTES = 56;
    private static final long MAX32 = 0xffffffffL;

    /**
     * One entry: its local header spans [localHeaderOffset, dataOffset), its data
     * [dataOffset, dataOffset + compressedBytes). {@code flags} bit 3 says a data descriptor follows the data.
     */
    public record Entry(
            String name,
            int method,
            int flags,
            long localHeaderOffset,
            long dataOffset,
            long compressedBytes,
            long uncompressedBytes) {
        public boolean stored() {
            return method == 0;
        }

        public boolean deflated() {
            return method == 8;
        }

        public boolean hasDataDescriptor() {
            return (flags & 8) != 0;
        }

        public long localHeaderBytes() {
            return dataOffset - localHeaderOffset;
        }

        public long dataEnd() {
            return dataOffset + compressedBytes;
        }
    }

    /** Where the central directory and the end records are. */
    private record End(
            long count,
            long directoryOffset,
            long directoryBytes,
            long endRecordsOffset,
            long eocdOffset,
            boolean zip64) {}

    private final ModelSource source;
    private final List<Entry> entries;
    private final End end;

    private ZipArchive(ModelSource source, List<Entry> entries, End end) {
        this.source = source;
        this.entries = entries;
        this.end = end;
    }

    /**
     * The name of the first entry, read from the local header at the start of {@code head}, or null when it does not
     * start with one whose name fits in it. Archive formats write a known entry first (DL4J's configuration.json,
     * Keras 3's metadata.json), so an archive cut before its central directory is still told by content.
     */
    public static String firstEntryName(byte[] head) {
        if (head == null || head.length < LOCAL_HEADER_BYTES || le(head).getInt(0) != LOCAL_SIG) {
            return null;
        }
        int nameBytes = le(head).getShort(26) & 0xffff;
        if (nameBytes == 0 || LOCAL_HEADER_BYTES + nameBytes > head.length) {
            return null;
        }
        return new String(head, LOCAL_HEADER_BYTES, nameBytes, StandardCharsets.UTF_8);
    }

    /** Reads and checks the archive's directory. */
    public static ZipArchive read(ModelSource source) throws IOException {
        End end = readEnd(source);
        if (end.directoryBytes() > MAX_CENTRAL_DIRECTORY_BYTES) {
            throw malformed(
                    source,
                    "offset " + end.directoryOffset(),
                    "central directory of " + end.directoryBytes() + " bytes, over the limit of "
                            + MAX_CENTRAL_DIRECTORY_BYTES);
        }
        if (end.count() > end.directoryBytes() / CENTRAL_HEADER_BYTES) {
            throw malformed(
                    source,
                    "offset " + end.directoryOffset(),
                    end.count() + " entries cannot fit in a central " + "directory of " + end.directoryBytes()
                            + " bytes");
        }
        List<Entry> entries = readDirectory(source, end);
        checkNamesAndOverlaps(source, entries);
        return new ZipArchive(source, List.copyOf(entries), end);
    }

    public ModelSource source() {
        return source;
    }

    public long sizeBytes() {
        return source.sizeBytes();
    }

    /** Entries in central-directory order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The entry of this name, or null. */
    public Entry entry(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Entries in the order their local headers sit in the file. */
    public List<Entry> byOffset() {
        List<Entry> out = new ArrayList<>(entries);
        out.sort(Comparator.comparingLong(Entry::localHeaderOffset));
        return Collections.unmodifiableList(out);
    }

    public long centralDirectoryOffset() {
        return end.directoryOffset();
    }

    public long centralDirectoryBytes() {
        return end.directoryBytes();
    }

    /** Where the end records start: the zip64 end record when there is one, else the end-of-central-directory record. */
    public long endRecordsOffset() {
        return end.endRecordsOffset();
    }

    /** Where the (classic) end-of-central-directory record starts. */
    public long endOfCentralDirectoryOffset() {
        return end.eocdOffset();
    }

    /** Whether the archive has zip64 end records (zip64 end record, locator). */
    public boolean zip64() {
        return end.zip64();
    }

    /** The end-of-central-directory record is the last record, followed only by its comment; searched from the tail. */
    private static End readEnd(ModelSource source) throws IOException {
        long size = source.sizeBytes();
        if (size < EOCD_BYTES) {
            throw malformed(source, "", "too short for a zip archive (" + size + " bytes)");
        }
        // Without an archive comment the record is the last 22 bytes; only otherwise is the largest tail a comment
        // allows searched, which may cover entry data (weights that an audit must not read).
        int tailBytes = EOCD_BYTES;
        ByteBuffer tail = read(source, size - tailBytes, tailBytes);
        int eocd = tail.getInt(0) == EOCD_SIG && tail.getShort(20) == 0 ? 0 : -1;
        if (eocd < 0) {
            tailBytes = (int) Math.min(size, EOCD_BYTES + 0xffffL);
            tail = read(source, size - tailBytes, tailBytes);
            for (int i = tailBytes - EOCD_BYTES; i >= 0; i--) {
                if (tail.getInt(i) == EOCD_SIG && i + EOCD_BYTES + (tail.getShort(i + 20) & 0xffff) == tailBytes) {
                    eocd = i;
                    break;
                }
            }
        }
        if (eocd < 0) {
            throw malformed(source, "", "no zip end-of-central-directory record");
        }
        long eocdOffset = size - tailBytes + eocd;
        long count = tail.getShort(eocd + 10) & 0xffff;
        long directoryBytes = tail.getInt(eocd + 12) & MAX32;
        long directoryOffset = tail.getInt(eocd + 16) & MAX32;
        End end;
        if (eocdOffset >= ZIP64_LOCATOR_BYTES
                && read(source, eocdOffset - ZIP64_LOCATOR_BYTES, 4).getInt(0) == ZIP64_LOCATOR_SIG) {
            end = readZip64End(source, eocdOffset);
        } else if (directoryOffset == MAX32 || count == 0xffff || directoryBytes == MAX32) {
            throw malformed(source, "offset " + eocdOffset, "zip64 sizes without a zip64 end record");
        } else {
            end = new End(count, directoryOffset, directoryBytes, eocdOffset, eocdOffset, false);
        }
        if (end.directoryOffset() < 0
                || end.directoryBytes() < 0
                || end.directoryOffset() + end.directoryBytes() != end.endRecordsOffset()) {
            throw malformed(
                    source,
                    "offset " + end.endRecordsOffset(),
                    "central directory [" + end.directoryOffset() + ", +" + end.directoryBytes()
                            + ") does not end at the end records");
        }
        return end;
    }

    private static End readZip64End(ModelSource source, long eocdOffset) throws IOException {
        long locator = eocdOffset - ZIP64_LOCATOR_BYTES;
        long record = read(source, locator, ZIP64_LOCATOR_BYTES).getLong(8);
        if (record < 0 || record > locator - ZIP64_EOCD_BYTES) {
            throw malformed(source, "offset " + locator, "zip64 locator points outside the file");
        }
        ByteBuffer r = read(source, record, ZIP64_EOCD_BYTES);
        if (r.getInt(0) != ZIP64_EOCD_SIG) {
            throw malformed(source, "offset " + record, "no zip64 end record where the locator points");
        }
        return new End(r.getLong(32), r.getLong(48), r.getLong(40), record, eocdOffset, true);
    }

    private static List<Entry> readDirectory(ModelSource source, End end) throws IOException {
        ByteBuffer cd = read(source, end.directoryOffset(), (int) end.directoryBytes());
        List<Entry> out = new ArrayList<>();
        int p = 0;
        for (long i = 0; i < end.count(); i++) {
            long at = end.directoryOffset() + p;
            if (p + CENTRAL_HEADER_BYTES > cd.limit() || cd.getInt(p) != CENTRAL_SIG) {
                throw malformed(source, "offset " + at, "bad central directory entry " + i);
            }
            int nameBytes = cd.getShort(p + 28) & 0xffff;
            int extraBytes = cd.getShort(p + 30) & 0xffff;
            int commentBytes = cd.getShort(p + 32) & 0xffff;
            int recordBytes = CENTRAL_HEADER_BYTES + nameBytes + extraBytes + commentBytes;
            if (p + (long) recordBytes > cd.limit()) {
                throw malformed(source, "offset " + at, "central directory entry " + i + " overruns the directory");
            }
            out.add(entry(source, cd, p, nameBytes, extraBytes, end.directoryOffset()));
            p += recordBytes;
        }
        if (p != cd.limit()) {
            throw malformed(
                    source,
                    "offset " + (end.directoryOffset() + p),
                    "central directory has " + (cd.limit() - p) + " bytes after its " + end.count() + " entries");
        }
        return out;
    }

    /** One central directory record at {@code p}, its zip64 values resolved and its local header read. */
    private static Entry entry(ModelSource source, ByteBuffer cd, int p, int nameBytes, int extraBytes, long dataLimit)
            throws IOException {
        int flags = cd.getShort(p + 8) & 0xffff;
        int method = cd.getShort(p + 10) & 0xffff;
        long[] values = {cd.getInt(p + 24) & MAX32, cd.getInt(p + 20) & MAX32, cd.getInt(p + 42) & MAX32};
        byte[] nameRaw = new byte[nameBytes];
        cd.get(p + CENTRAL_HEADER_BYTES, nameRaw);
        // Bit 11 marks UTF-8 names; without it the name is in the legacy code page (ASCII for every real model).
        String name = new String(nameRaw, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (values[0] == MAX32 || values[1] == MAX32 || values[2] == MAX32) {
            zip64Extra(source, name, cd, p + CENTRAL_HEADER_BYTES + nameBytes, extraBytes, values);
        }
        long uncompressed = values[0];
        long compressed = values[1];
        long local = values[2];
        long dataOffset = localDataOffset(source, name, local, dataLimit);
        if (compressed < 0 || compressed > dataLimit - dataOffset) {
            throw malformed(
                    source,
                    name,
                    "entry data (" + compressed + " bytes at " + dataOffset + ") runs into the central directory at "
                            + dataLimit);
        }
        if (method == 0 && compressed != uncompressed) {
            throw malformed(
                    source,
                    name,
                    "stored entry declares " + compressed + " bytes stored but " + uncompressed + " bytes of content");
        }
        return new Entry(name, method, flags, local, dataOffset, compressed, uncompressed);
    }

    /**
     * The zip64 extended-information extra field (0x0001): 64-bit values for the fields marked 0xffffffff, in the order
     * uncompressed size, compressed size, local header offset.
     */
    private static void zip64Extra(ModelSource source, String name, ByteBuffer cd, int at, int bytes, long[] values) {
        int end = at + bytes;
        for (int p = at; p + 4 <= end; ) {
            int id = cd.getShort(p) & 0xffff;
            int size = cd.getShort(p + 2) & 0xffff;
            if (p + 4 + size > end) {
                break;
            }
            if (id == 0x0001) {
                int q = p + 4;
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != MAX32) {
                        continue;
                    }
                    if (q + 8 > p + 4 + size) {
                        throw malformed(source, name, "zip64 extra field too short");
                    }
                    values[i] = cd.getLong(q);
                    if (values[i] < 0) {
                        throw malformed(source, name, "zip64 size or offset out of range");
                    }
                    q += 8;
                }
                return;
            }
            p += 4 + size;
        }
        throw malformed(source, name, "zip64 sizes without a zip64 extra field");
    }

    private static long localDataOffset(ModelSource source, String name, long local, long dataLimit)
            throws IOException {
        if (local < 0 || local > dataLimit - LOCAL_HEADER_BYTES) {
            throw malformed(source, name, "local header at offset " + local + " lies outside the archive's data area");
        }
        ByteBuffer h = read(source, local, LOCAL_HEADER_BYTES);
        if (h.getInt(0) != LOCAL_SIG) {
            throw malformed(source, name, "no local file header signature at offset " + local);
        }
        return local + LOCAL_HEADER_BYTES + (h.getShort(26) & 0xffff) + (h.getShort(28) & 0xffff);
    }

    private static void checkNamesAndOverlaps(ModelSource source, List<Entry> entries) {
        Set<String> names = new HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.name())) {
                throw malformed(source, e.name(), "duplicate zip entry name");
            }
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::localHeaderOffset));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            if (prev.dataEnd() > sorted.get(i).localHeaderOffset()) {
                throw malformed(source, sorted.get(i).name(), "zip entries overlap ('" + prev.name() + "')");
            }
        }
    }

    private static ByteBuffer read(ModelSource source, long offset, int length) throws IOException {
        return le(source.readBytes(offset, length));
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static MalformedModelException malformed(ModelSource source, String where, String problem) {
        return new MalformedModelException(source.location(), where, problem);
    }
}
