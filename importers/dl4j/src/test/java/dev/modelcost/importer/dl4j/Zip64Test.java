package dev.modelcost.importer.dl4j;

import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A zip64 archive (as Java writes for entries over 4 GiB), written here byte by byte at a small size:
 * 32-bit sizes and offsets set to 0xffffffff, the real values in zip64 extra fields, and the zip64 end
 * record and locator before the classic end record. java.util.zip.ZipFile reads it as the check.
 */
class Zip64Test {
    @TempDir
    Path dir;

    private static final class Le {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Le i2(int v) {
            out.write(v & 0xff);
            out.write((v >>> 8) & 0xff);
            return this;
        }

        Le i4(long v) {
            i2((int) (v & 0xffff));
            return i2((int) ((v >>> 16) & 0xffff));
        }

        Le i8(long v) {
            i4(v & 0xffffffffL);
            return i4(v >>> 32);
        }

        Le bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        int size() {
            return out.size();
        }
    }

    static byte[] zip64(Map<String, byte[]> entries) {
        Le z = new Le();
        List<long[]> offsets = new ArrayList<>();
        List<Long> crcs = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(e.getValue());
            crcs.add(crc.getValue());
            offsets.add(new long[] {z.size()});
            z.i4(0x04034b50)
                    .i2(45)
                    .i2(0)
                    .i2(0)
                    .i2(0)
                    .i2(0x21)
                    .i4(crc.getValue())
                    .i4(0xffffffffL)
                    .i4(0xffffffffL)
                    .i2(name.length)
                    .i2(20)
                    .bytes(name)
                    .i2(1)
                    .i2(16)
                    .i8(e.getValue().length)
                    .i8(e.getValue().length)
                    .bytes(e.getValue());
        }
        long cdStart = z.size();
        int i = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            z.i4(0x02014b50)
                    .i2(45)
                    .i2(45)
                    .i2(0)
                    .i2(0)
                    .i2(0)
                    .i2(0x21)
                    .i4(crcs.get(i))
                    .i4(0xffffffffL)
                    .i4(0xffffffffL)
                    .i2(name.length)
                    .i2(28)
                    .i2(0)
                    .i2(0)
                    .i2(0)
                    .i4(0)
                    .i4(0xffffffffL)
                    .bytes(name)
                    .i2(1)
                    .i2(24)
                    .i8(e.getValue().length)
                    .i8(e.getValue().length)
                    .i8(offsets.get(i)[0]);
            i++;
        }
        long cdEnd = z.size();
        z.i4(0x06064b50)
                .i8(44)
                .i2(45)
                .i2(45)
                .i4(0)
                .i4(0)
                .i8(entries.size())
                .i8(entries.size())
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
        return z.out.toByteArray();
    }

    @Test
    void zip64ArchiveIsLaidOutExactly() throws IOException {
        Map<String, byte[]> entries = SyntheticZipTest.mlp(26, 52);
        Path f = Files.write(dir.resolve("mlp64.zip"), zip64(entries));
        try (ZipFile check = new ZipFile(f.toFile())) {
            assertEquals(3, check.size());
            assertEquals(
                    entries.get("coefficients.bin").length,
                    check.getEntry("coefficients.bin").getSize());
        }
        ImportedModel m = OpenSources.read(f);
        Report r = SyntheticZipTest.analyze(m);
        assertEquals(26, r.parameters().total());
        assertEquals(Files.size(f), SyntheticZipTest.ledgerSum(r));
        assertEquals(0, r.ledger().unexplainedBytes());
        assertTrue(r.ledger().entries().stream().anyMatch(e -> e.detail().startsWith("zip64 end record")));
        assertTrue(new Dl4jImporter().recognizes(f.getFileName().toString(), Arrays.copyOf(Files.readAllBytes(f), 64)));
    }
}
