package dev.modelcost.importer.keras;

import dev.modelcost.core.io.FileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * jhdf fills a block by repeating positional reads at one address until its buffer is full. Through a strict
 * window, a block that a hostile length puts past the end fails at once; fuzzing found a 21 KB file whose
 * object header declared ~200 MB, refilled from the file's tail for over a second.
 */
class SliceChannelTest {
    @TempDir
    Path dir;

    @Test
    void aStrictWindowRefusesReadsPastItsEndAndServesReadsInside() throws Exception {
        Path f = Files.write(dir.resolve("f.bin"), new byte[1000]);
        try (FileSource ch = FileSource.open(f)) {
            SliceChannel strict = SliceChannel.strict(ch, 100, 500);
            assertEquals(500, strict.size());
            assertEquals(200, strict.read(ByteBuffer.allocate(200), 300));
            assertThrows(EOFException.class, () -> strict.read(ByteBuffer.allocate(200_000_000 / 1000), 400));
            assertEquals(-1, strict.read(ByteBuffer.allocate(10), 500));
            assertEquals(100, SliceChannel.strict(ch, 0, 1000).read(ByteBuffer.allocate(100), 900));
        }
    }
}
