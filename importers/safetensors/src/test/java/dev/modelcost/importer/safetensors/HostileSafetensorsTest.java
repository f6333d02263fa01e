package dev.modelcost.importer.safetensors;

import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.core.spi.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lying headers are refused with one message naming the file and the problem; nothing is allocated first. */
class HostileSafetensorsTest {
    @TempDir
    Path dir;

    private <T extends ModelException> T refused(Class<T> type, byte[] content, String expected) throws Exception {
        Path f = dir.resolve("m.safetensors");
        Files.write(f, content);
        T e = assertThrows(type, () -> Imports.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    @Test
    void headerLengthPastTheFile() throws Exception {
        byte[] b = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(Long.MAX_VALUE)
                .array();
        refused(MalformedModelException.class, b, "does not fit the file");
        refused(MalformedModelException.class, new byte[5], "shorter than the 8-byte header length");
    }

    @Test
    void rangesOutsideTheDataSection() throws Exception {
        byte[] b = new Fixture()
                .raw("\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}")
                .bytes(8);
        refused(MalformedModelException.class, b, "do not lie in the data section of 8 bytes");
        b = new Fixture()
                .raw("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}")
                .bytes(8);
        refused(MalformedModelException.class, b, "do not lie in the data section");
    }

    @Test
    void overlappingRanges() throws Exception {
        byte[] b = new Fixture()
                .raw("\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}")
                .raw("\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}")
                .bytes(12);
        refused(MalformedModelException.class, b, "overlap those of 'a'");
    }

    @Test
    void rangeThatDisagreesWithDtypeAndShape() throws Exception {
        byte[] b = new Fixture().tensor("w", "BF16", 6, 4).bytes();
        refused(MalformedModelException.class, b, "BF16 [4] takes 8 bytes, but data_offsets cover 6 bytes");
        b = new Fixture().tensor("w", "F32", 8, 1L << 62, 8).bytes();
        refused(MalformedModelException.class, b, "more elements than 64 bits count");
    }

    @Test
    void repeatedNamesAndBadJson() throws Exception {
        byte[] b =
                new Fixture().tensor("w", "F32", 4, 1).tensor("w", "F32", 4, 1).bytes();
        refused(MalformedModelException.class, b, "member 'w' named twice");
        refused(MalformedModelException.class, new Fixture().raw("\"w\":[1]").bytes(), "is not an object");
        refused(
                MalformedModelException.class,
                new Fixture().metadata("{\"a\":1}").bytes(),
                "is not a string");
        byte[] notUtf8 = new Fixture().tensor("w\u00e9", "F32", 4, 1).bytes();
        notUtf8[8 + 3] = (byte) 0xff;
        refused(MalformedModelException.class, notUtf8, "");
    }

    @Test
    void unknownDtypeIsUnsupportedByName() throws Exception {
        refused(
                UnsupportedModelException.class,
                new Fixture().tensor("w", "F6_E2M3", 3, 4).bytes(),
                "'F6_E2M3'");
    }

    @Test
    void headerOverTheMetadataLimit() throws Exception {
        Path f = dir.resolve("m.safetensors");
        Files.write(f, new Fixture().tensor("w", "F32", 4, 1).bytes());
        ImportOptions tight = new ImportOptions(100, 8, 8, 16);
        MalformedModelException e = assertThrows(MalformedModelException.class, () -> Imports.read(f, tight));
        assertTrue(e.getMessage().contains("exceeds the limit of 16 bytes"), e.getMessage());
    }

    @Test
    void moreTensorsThanOneFileMayHoldAreRefusedWhileParsing() throws Exception {
        Fixture fx = new Fixture();
        for (int i = 0; i <= HeaderReader.MAX_TENSORS; i++) {
            fx.tensor("t" + i, "BOOL", 0, 0);
        }
        refused(MalformedModelException.class, fx.bytes(), "more than 100000 tensors in one file");
    }
}
