package dev.modelcost.core.io;

import dev.modelcost.core.spi.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads stay inside the file; siblings stay inside the model's folder. */
class FileSourceTest {
    @TempDir
    Path dir;

    private FileSource model() throws Exception {
        Path m = dir.resolve("m.bin");
        Files.write(m, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        return FileSource.open(m);
    }

    @Test
    void readsByOffsetAndRefusesRangesPastTheEnd() throws Exception {
        try (FileSource s = model()) {
            assertEquals(8, s.sizeBytes());
            assertEquals("m.bin", s.fileName());
            assertArrayEquals(new byte[] {3, 4, 5}, s.readBytes(2, 3));
            assertThrows(MalformedModelException.class, () -> s.readBytes(6, 3));
            assertThrows(MalformedModelException.class, () -> s.readFully(-1, ByteBuffer.allocate(1)));
            assertThrows(MalformedModelException.class, () -> s.readBytes(Long.MAX_VALUE, 1));
        }
    }

    @Test
    void missingFilesAndFoldersAreRefusedBeforeOpening() {
        MalformedModelException missing =
                assertThrows(MalformedModelException.class, () -> FileSource.open(dir.resolve("no")));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
        MalformedModelException folder = assertThrows(MalformedModelException.class, () -> FileSource.open(dir));
        assertTrue(folder.getMessage().endsWith("not a regular file"), folder.getMessage());
    }

    @Test
    void siblingsResolveInsideTheFolderOnly() throws Exception {
        Files.write(dir.resolve("w.bin"), new byte[] {9, 9});
        Path outside = Files.createTempFile("outside", ".bin");
        try (FileSource s = model()) {
            ModelSource w = s.openSibling("w.bin").orElseThrow();
            assertEquals(2, w.sizeBytes());
            assertArrayEquals(new byte[] {9, 9}, w.readBytes(0, 2));
            assertTrue(s.openSibling("absent.bin").isEmpty());
            assertThrows(MalformedModelException.class, () -> s.openSibling("../m.bin"));
            assertThrows(MalformedModelException.class, () -> s.openSibling("a/../../m.bin"));
            assertThrows(MalformedModelException.class, () -> s.openSibling(outside.toString()));
            assertThrows(MalformedModelException.class, () -> s.openSibling(""));
            Files.createSymbolicLink(dir.resolve("link.bin"), outside);
            MalformedModelException link = assertThrows(MalformedModelException.class, () -> s.openSibling("link.bin"));
            assertTrue(link.getMessage().contains("leads out of the model's folder"), link.getMessage());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void closingTheSourceClosesItsSiblings() throws Exception {
        Files.write(dir.resolve("w.bin"), new byte[] {9, 9});
        FileSource s = model();
        ModelSource w = s.openSibling("w.bin").orElseThrow();
        s.close();
        assertThrows(IOException.class, () -> w.readBytes(0, 2));
        assertThrows(IOException.class, () -> s.readBytes(0, 2));
    }
}
