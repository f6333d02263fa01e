package dev.modelcost.core.io.zip;

import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.UnsupportedModelException;
import dev.modelcost.testsupport.Zip64Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one zip reader, for every zip-based format: archives written by java.util.zip, a zip64 archive written byte
 * by byte, and hostile variants of both (lying sizes, truncation, entries outside the data area, duplicates,
 * overlaps, zip64 sizes without their records). Offsets asserted are hand counts from the zip specification:
 * a local header is 30 bytes + name (+ extra field), a central record 46 bytes + name, the end record 22 bytes.
 */
class ZipArchiveTest {
    private static final Duration QUICKLY = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /** Entries written in order; stored ones with their sizes and CRC up front (no data descriptor). */
    private Path zip(String name, Map<String, byte[]> entries, boolean store) throws IOException {
        Path f = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (store) {
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    ze.setCompressedSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return f;
    }

    private static Map<String, byte[]> twoEntries() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("a.json", "{\"first\": true}".getBytes(StandardCharsets.UTF_8));
        m.put("b.bin", new byte[100]);
        return m;
    }

    private static ZipArchive open(Path f) throws IOException {
        return ZipArchive.read(FileSource.open(f));
    }

    private MalformedModelException refused(Path f) {
        return assertTimeoutPreemptively(
                QUICKLY,
                () -> assertThrows(MalformedModelException.class, () -> {
                    try (FileSource s = FileSource.open(f)) {
                        ZipArchive zip = ZipArchive.read(s);
                        for (ZipArchive.Entry e : zip.entries()) {
                            ZipEntryData.whole(zip, e, 64 * 1024 * 1024);
                        }
                    }
                }));
    }

    @Test
    void storedEntriesAreLocatedByHandCount() throws Exception {
        Path f = zip("stored.zip", twoEntries(), true);
        try (FileSource s = FileSource.open(f)) {
            ZipArchive zip = ZipArchive.read(s);
            ZipArchive.Entry a = zip.entry("a.json");
            ZipArchive.Entry b = zip.entry("b.bin");
            assertEquals(0, a.localHeaderOffset());
            assertEquals(30 + 6, a.dataOffset());
            assertEquals(15, a.compressedBytes());
            assertEquals(36 + 15, b.localHeaderOffset());
            assertEquals(51 + 30 + 5, b.dataOffset());
            assertEquals(86 + 100, zip.centralDirectoryOffset());
            assertEquals((46 + 6) + (46 + 5), zip.centralDirectoryBytes());
            assertEquals(Files.size(f) - 22, zip.endRecordsOffset());
            assertEquals(zip.endRecordsOffset(), zip.endOfCentralDirectoryOffset());
            assertFalse(zip.zip64());
            assertArrayEquals(twoEntries().get("a.json"), ZipEntryData.whole(zip, a, 1000));
            assertEquals(List.of(a, b), zip.byOffset());
            assertNull(zip.entry("c"));
        }
    }

    @Test
    void anArchiveCommentIsSkippedToFindTheEndRecord() throws Exception {
        Path f = dir.resolve("comment.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.setComment("written by a test");
            z.putNextEntry(new ZipEntry("a.json"));
            z.write(new byte[10]);
            z.closeEntry();
        }
        try (FileSource s = FileSource.open(f)) {
            ZipArchive zip = ZipArchive.read(s);
            assertEquals(Files.size(f) - 22 - "written by a test".length(), zip.endRecordsOffset());
            assertArrayEquals(new byte[10], ZipEntryData.whole(zip, zip.entry("a.json"), 10));
        }
    }

    @Test
    void deflatedEntriesInflateWholeOrByTheirHead() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] text = "0123456789".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        m.put("big.txt", text);
        Path f = zip("deflated.zip", m, false);
        try (FileSource s = FileSource.open(f)) {
            ZipArchive zip = ZipArchive.read(s);
            ZipArchive.Entry e = zip.entry("big.txt");
            assertTrue(e.deflated() && e.hasDataDescriptor(), "java.util.zip streams deflated entries");
            assertEquals(text.length, e.uncompressedBytes());
            assertArrayEquals(text, ZipEntryData.whole(zip, e, text.length));
            assertArrayEquals(Arrays.copyOf(text, 64), ZipEntryData.head(zip, e, 64));
            assertThrows(MalformedModelException.class, () -> ZipEntryData.whole(zip, e, text.length - 1));
        }
    }

    @Test
    void theFirstEntryIsToldFromTheHeadAlone() throws Exception {
        byte[] all = Files.readAllBytes(zip("head.zip", twoEntries(), true));
        assertEquals("a.json", ZipArchive.firstEntryName(Arrays.copyOf(all, 64)));
        assertNull(ZipArchive.firstEntryName(Arrays.copyOf(all, 33)), "name cut off");
        assertNull(ZipArchive.firstEntryName("not a zip, only text, long enough".getBytes(StandardCharsets.UTF_8)));
        assertNull(ZipArchive.firstEntryName(null));
    }

    /** A zip64 archive as Java writes for entries over 4 GiB, at a small size; java.util.zip reads it as the check. */
    @Test
    void zip64RecordsAndExtraFieldsAreRead() throws Exception {
        Map<String, byte[]> m = twoEntries();
        Path f = Files.write(dir.resolve("z64.zip"), Zip64Bytes.of(m));
        try (ZipFile check = new ZipFile(f.toFile())) {
            assertEquals(100, check.getEntry("b.bin").getSize());
        }
        try (FileSource s = FileSource.open(f)) {
            ZipArchive zip = ZipArchive.read(s);
            assertTrue(zip.zip64());
            ZipArchive.Entry b = zip.entry("b.bin");
            // Local headers: 30 + name + a 20-byte zip64 extra field; a.json's data is 15 bytes.
            assertEquals(30 + 6 + 20 + 15, b.localHeaderOffset());
            assertEquals(b.localHeaderOffset() + 30 + 5 + 20, b.dataOffset());
            assertEquals(100, b.uncompressedBytes());
            assertEquals(100, b.compressedBytes());
            long cdEnd = b.dataEnd() + (46 + 6 + 28) + (46 + 5 + 28);
            assertEquals(cdEnd, zip.endRecordsOffset(), "the zip64 end record follows the directory");
            assertEquals(cdEnd + 56 + 20, zip.endOfCentralDirectoryOffset());
            assertArrayEquals(m.get("a.json"), ZipEntryData.whole(zip, zip.entry("a.json"), 100));
        }
    }

    @Test
    void zip64SizesWithoutTheirRecordsAreRefused() throws Exception {
        byte[] b = Files.readAllBytes(zip("count.zip", twoEntries(), true));
        le(b).putShort(b.length - 22 + 10, (short) 0xffff); // entry count: "see the zip64 record"
        assertTrue(
                refused(Files.write(dir.resolve("count.zip"), b)).getMessage().contains("zip64"));

        byte[] z = Zip64Bytes.of(twoEntries());
        le(z).putLong(z.length - 22 - 20 + 8, z.length); // the locator points past the end
        assertTrue(
                refused(Files.write(dir.resolve("locator.zip"), z)).getMessage().contains("locator"));

        byte[] noExtra = Zip64Bytes.of(twoEntries());
        int cd = centralRecord(noExtra, "a.json");
        le(noExtra).putShort(cd + 46 + 6, (short) 0x9999); // the zip64 extra field renamed away
        assertTrue(refused(Files.write(dir.resolve("extra.zip"), noExtra))
                .getMessage()
                .contains("zip64"));
    }

    /** Configuration inflates to 20 MB while the directory declares 1,000 bytes: refused one byte past 1,000. */
    @Test
    void anEntryThatInflatesPastItsDeclaredSizeIsRefusedAtOnce() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("configuration.json", " ".repeat(20_000_000).getBytes(StandardCharsets.UTF_8));
        byte[] b = Files.readAllBytes(zip("lying.zip", m, false));
        le(b).putInt(centralRecord(b, "configuration.json") + 24, 1_000);
        MalformedModelException e = refused(Files.write(dir.resolve("lying.zip"), b));
        assertTrue(e.getMessage().contains("configuration.json"), e.getMessage());
        assertTrue(e.getMessage().contains("more than its declared 1000 bytes"), e.getMessage());
    }

    /** A deflate stream cut short (compressed size shrunk to 100 bytes) is refused, not padded into megabytes. */
    @Test
    void aStreamCutShortIsRefused() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("configuration.json", " ".repeat(20_000_000).getBytes(StandardCharsets.UTF_8));
        byte[] b = Files.readAllBytes(zip("cut.zip", m, false));
        le(b).putInt(centralRecord(b, "configuration.json") + 20, 100);
        assertTrue(refused(Files.write(dir.resolve("cut.zip"), b)).getMessage().contains("configuration.json"));
    }

    @Test
    void aStoredEntryWhoseSizesDisagreeIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(zip("stored.zip", twoEntries(), true));
        le(b).putInt(centralRecord(b, "b.bin") + 24, 5_000_000);
        assertTrue(
                refused(Files.write(dir.resolve("stored.zip"), b)).getMessage().contains("b.bin"));
    }

    @Test
    void truncatedArchivesAreRefused() throws Exception {
        byte[] b = Files.readAllBytes(zip("t.zip", twoEntries(), true));
        for (int cut : new int[] {0, 21, 60, b.length / 2, b.length - 1}) {
            refused(Files.write(dir.resolve("t" + cut + ".zip"), Arrays.copyOf(b, cut)));
        }
    }

    @Test
    void entriesOutsideTheDataAreaAreRefused() throws Exception {
        byte[] header = Files.readAllBytes(zip("h.zip", twoEntries(), true));
        le(header).putInt(centralRecord(header, "b.bin") + 42, header.length); // local header past the end
        refused(Files.write(dir.resolve("h.zip"), header));

        byte[] data = Files.readAllBytes(zip("d.zip", twoEntries(), true));
        int cd = centralRecord(data, "b.bin");
        le(data).putInt(cd + 20, 10_000).putInt(cd + 24, 10_000); // data runs into the directory
        assertTrue(refused(Files.write(dir.resolve("d.zip"), data)).getMessage().contains("central directory"));

        byte[] directory = Files.readAllBytes(zip("c.zip", twoEntries(), true));
        le(directory).putInt(directory.length - 22 + 16, directory.length); // directory past the end
        refused(Files.write(dir.resolve("c.zip"), directory));

        byte[] huge = Files.readAllBytes(zip("g.zip", twoEntries(), true));
        le(huge).putInt(huge.length - 22 + 12, Integer.MAX_VALUE); // a directory of 2 GiB
        refused(Files.write(dir.resolve("g.zip"), huge));
    }

    @Test
    void duplicateNamesAreRefused() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("x.bin", new byte[10]);
        m.put("y.bin", new byte[10]);
        byte[] b = Files.readAllBytes(zip("dup.zip", m, true));
        int cd = centralRecord(b, "y.bin");
        b[cd + 46] = 'x';
        assertTrue(refused(Files.write(dir.resolve("dup.zip"), b)).getMessage().contains("duplicate"));
    }

    @Test
    void overlappingEntriesAreRefused() throws Exception {
        byte[] b = Files.readAllBytes(zip("o.zip", twoEntries(), true));
        int cd = centralRecord(b, "a.json");
        le(b).putInt(cd + 20, 40).putInt(cd + 24, 40); // a.json's data now covers b.bin's local header
        assertTrue(refused(Files.write(dir.resolve("o.zip"), b)).getMessage().contains("overlap"));
    }

    @Test
    void unknownCompressionMethodsAreUnsupported() throws Exception {
        byte[] b = Files.readAllBytes(zip("m.zip", twoEntries(), true));
        le(b).putShort(centralRecord(b, "b.bin") + 10, (short) 12); // bzip2
        try (FileSource s = FileSource.open(Files.write(dir.resolve("m.zip"), b))) {
            ZipArchive zip = ZipArchive.read(s);
            assertThrows(UnsupportedModelException.class, () -> ZipEntryData.whole(zip, zip.entry("b.bin"), 1000));
        }
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Where the central directory record of {@code name} starts. */
    private static int centralRecord(byte[] b, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = b.length - 46; i >= 0; i--) {
            if (le(b).getInt(i) == Zip64Bytes.CENTRAL_SIG
                    && le(b).getShort(i + 28) == n.length
                    && Arrays.equals(Arrays.copyOfRange(b, i + 46, i + 46 + n.length), n)) {
                return i;
            }
        }
        throw new IllegalStateException("no central directory record for " + name);
    }
}
