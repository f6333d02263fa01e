package dev.modelcost.importer.keras;

import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fuzz finding behind SliceChannel.strict, rebuilt from a real h5py file at run time (nothing of the corpus
 * is kept here): the root group's version-1 object header declares a size far beyond the file. jhdf allocates
 * a buffer of that size and fills it by positional reads; through an ordinary channel it re-read the file's tail
 * until hundreds of megabytes were filled. Now the import is answered as malformed, or with a report, after
 * reading no more than the file a few times over, and a size past what the heap can hold is no OutOfMemoryError.
 */
class HugeHeaderTest {
    /** Bytes 64..71 of a version-0 superblock with 8-byte offsets: the root group's object header address. */
    private static final int ROOT_HEADER_ADDRESS_AT = 64;

    @TempDir
    Path dir;

    @Test
    void aRootObjectHeaderDeclaringMoreThanTheFileIsAnsweredAfterBoundedReading() throws Exception {
        Path source = KerasCorpusTest.corpus()
                .resolve("keras/KonduitAI__dl4j-test-resources/src__main__resources__keras__simple__cnn_tf_model.h5");
        byte[] original = Files.readAllBytes(source);
        ByteBuffer b = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.get(8), "superblock version 0 (h5py's default)");
        assertEquals(8, b.get(13), "8-byte offsets");
        int header = (int) b.getLong(ROOT_HEADER_ADDRESS_AT);
        assertEquals(1, b.get(header), "a version-1 object header at the root address");

        for (long declared : new long[] {200_000_000L, 0x7fff_ffffL, 0xffff_ffffL}) {
            byte[] hostile = original.clone();
            ByteBuffer.wrap(hostile).order(ByteOrder.LITTLE_ENDIAN).putInt(header + 8, (int) declared);
            Path f = Files.write(dir.resolve("huge-" + declared + ".h5"), hostile);

            RecordingSource.Log log = new RecordingSource.Log();
            String outcome;
            try {
                new KerasImporter().read(RecordingSource.open(f, log), ImportOptions.DEFAULTS);
                outcome = "report";
            } catch (ModelException e) {
                outcome = e.getMessage();
                assertTrue(outcome.contains(f.getFileName().toString()), "the message names the file: " + outcome);
            }
            assertTrue(
                    log.totalBytes() <= 4L * hostile.length,
                    "header size " + declared + ": read " + log.totalBytes() + " bytes of a " + hostile.length
                            + "-byte file (" + outcome + ")");
        }
    }
}
