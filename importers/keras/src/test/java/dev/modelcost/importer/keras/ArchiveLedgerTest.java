package dev.modelcost.importer.keras;

import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.spi.FileSection;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.modelcost.importer.keras.KerasCorpusTest.corpus;
import static dev.modelcost.importer.keras.KerasCorpusTest.files;
import static dev.modelcost.importer.keras.KerasCorpusTest.num;
import static dev.modelcost.importer.keras.KerasCorpusTest.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The zip structures of .keras archives: local headers, data descriptors, central directory, end records. */
class ArchiveLedgerTest {
    @TempDir
    Path dir;

    static long bytes(List<FileSection> s, String detailPrefix) {
        return s.stream()
                .filter(x -> x.detail().startsWith(detailPrefix))
                .mapToLong(FileSection::bytes)
                .sum();
    }

    /**
     * Hand count from the zip specification for java.util.zip's output: a local header is 30 bytes + name (no extra
     * field); a deflated entry is followed by a 16-byte data descriptor (with signature, flag bit 3); a central record
     * is 46 bytes + name; the end record 22 bytes + comment.
     */
    @Test
    void javaZipOutputPartitionsIntoHeadersDescriptorsDirectoryAndEndRecord() throws Exception {
        Path f = dir.resolve("a.keras");
        byte[] cfg = "{\"class_name\": \"Sequential\"}".repeat(20).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(f);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("config.json"));
            z.write(cfg);
            z.closeEntry();
            ZipEntry stored = new ZipEntry("metadata.json");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(2);
            stored.setCompressedSize(2);
            CRC32 crc = new CRC32();
            crc.update("{}".getBytes(StandardCharsets.UTF_8));
            stored.setCrc(crc.getValue());
            z.putNextEntry(stored);
            z.write("{}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        long size = Files.size(f);
        try (FileSource source = FileSource.open(f)) {
            ZipArchive zip = ZipArchive.read(source);
            List<String> overlaps = new ArrayList<>();
            List<FileSection> s = ArchiveLedger.sections(zip, overlaps);
            assertEquals(List.of(), overlaps);
            assertEquals((30 + 11) + (30 + 13), bytes(s, "zip local file headers"));
            assertEquals(16, bytes(s, "zip data descriptors"));
            assertEquals((46 + 11) + (46 + 13), bytes(s, "zip central directory"));
            assertEquals(22, bytes(s, "zip end of central directory record"));
            assertEquals(0, bytes(s, "zip bytes no structure references"));
            long data = zip.entries().stream()
                    .mapToLong(ZipArchive.Entry::compressedBytes)
                    .sum();
            assertEquals(size, data + s.stream().mapToLong(FileSection::bytes).sum(), "structures + entry data = file");
        }
    }

    @TestFactory
    List<DynamicTest> corpusArchivesPartitionWithTheTruthsLocalHeaders() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files(corpus().resolve("keras3"), ".keras")) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                Map<String, Object> t = truth(f);
                long headers = 0;
                long data = 0;
                for (Object o : JsonValues.list(t.get("zip_entries"))) {
                    Map<String, Object> e = JsonValues.map(o);
                    headers += num(e.get("data_offset")) - num(e.get("header_offset"));
                    data += num(e.get("compressed_size"));
                }
                long size = num(t.get("size"));
                try (FileSource source = FileSource.open(f)) {
                    List<String> overlaps = new ArrayList<>();
                    List<FileSection> s = ArchiveLedger.sections(ZipArchive.read(source), overlaps);
                    assertEquals(List.of(), overlaps);
                    assertEquals(headers, bytes(s, "zip local file headers"), "Σ (data_offset − header_offset)");
                    assertEquals(
                            size,
                            data + s.stream().mapToLong(FileSection::bytes).sum(),
                            "structures + entry data = size");
                    assertEquals(0, bytes(s, "zip bytes no structure references"), "no unclaimed bytes");
                }
            }));
        }
        return tests;
    }
}
