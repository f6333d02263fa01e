package dev.modelcost.importer.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A valid file in a layout the walker does not read (jhdf writes superblock version 2 or 3, with v2 object
 * headers) is reported as unsupported, never as damaged: the importer then keeps its coarse ledger.
 */
class H5StructuresJhdfTest {

    @Test
    void aFileJhdfWritesIsUnsupportedNotMalformed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.h5");
        try (WritableHdfFile out = HdfFile.write(f)) {
            out.putDataset("w", new float[] {1, 2, 3, 4});
        }
        byte[] head = new byte[9];
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.wrap(head));
        }
        assertTrue(head[8] >= 2, "jhdf writes superblock version " + head[8]);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            H5Structures w = new H5Structures(ch, 0, Files.size(f), 1 << 20, 100);
            H5UnsupportedException e = assertThrows(H5UnsupportedException.class, w::walk);
            assertEquals("superblock version " + head[8] + " (only 0 and 1 are walked)", e.getMessage());
        }
    }
}
