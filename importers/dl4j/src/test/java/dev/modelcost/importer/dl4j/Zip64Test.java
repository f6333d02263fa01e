package dev.modelcost.importer.dl4j;

import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.testsupport.Zip64Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
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

    @Test
    void zip64ArchiveIsLaidOutExactly() throws IOException {
        Map<String, byte[]> entries = SyntheticZipTest.mlp(26, 52);
        Path f = Files.write(dir.resolve("mlp64.zip"), Zip64Bytes.of(entries));
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
