package dev.modelcost.importer.gguf;

import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.core.spi.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lying GGUF structures are refused with one message naming the file and the problem, before any allocation. */
class HostileGgufTest {
    private static final int F32 = 0;
    private static final int Q4_0 = 2;

    @TempDir
    Path dir;

    private <T extends ModelException> void refused(Class<T> type, byte[] content, String expected) throws Exception {
        Path f = dir.resolve("m.gguf");
        Files.write(f, content);
        T e = assertThrows(type, () -> Imports.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void versionsOutsideOneToThree() throws Exception {
        byte[] b = new GgufFixture().bytes();
        b[4] = 4;
        refused(UnsupportedModelException.class, b, "GGUF version 4");
        b[4] = 0;
        b[7] = 3;
        refused(UnsupportedModelException.class, b, "(a big-endian file)");
    }

    @Test
    void countsAndLengthsThatDoNotFit() throws Exception {
        refused(
                MalformedModelException.class,
                new GgufFixture().tensorCount(1L << 40).bytes(),
                "tensor count");
        ByteArrayOutputStream longString = new ByteArrayOutputStream();
        longString.writeBytes(GgufFixture.le(4, 8));
        longString.writeBytes(GgufFixture.le(8, 1L << 50));
        refused(
                MalformedModelException.class,
                new GgufFixture().rawValue("k", longString.toByteArray()).bytes(),
                "passes the end of the file");
        ByteArrayOutputStream bigArray = new ByteArrayOutputStream();
        bigArray.writeBytes(GgufFixture.le(4, 9));
        bigArray.writeBytes(GgufFixture.le(4, 8));
        bigArray.writeBytes(GgufFixture.le(8, 1L << 40));
        refused(
                MalformedModelException.class,
                new GgufFixture()
                        .rawValue("tokenizer.ggml.tokens", bigArray.toByteArray())
                        .bytes(),
                "elements cannot fit");
        refused(
                MalformedModelException.class,
                new GgufFixture().rawValue("k", GgufFixture.le(4, 13)).bytes(),
                "unknown value type 13");
        GgufFixture manyKeys = new GgufFixture();
        for (int i = 0; i <= GgufReader.MAX_KEYS; i++) {
            manyKeys.u32("k" + i, i);
        }
        refused(MalformedModelException.class, manyKeys.bytes(), "limit of 65536");
    }

    @Test
    void tensorsThatLie() throws Exception {
        refused(
                UnsupportedModelException.class,
                new GgufFixture().tensor("w", 4, 0, 32).data(32).bytes(),
                "ggml type 4");
        refused(
                MalformedModelException.class,
                new GgufFixture().tensor("w", Q4_0, 0, 30, 2).data(64).bytes(),
                "not whole Q4_0 blocks of 32");
        refused(
                MalformedModelException.class,
                new GgufFixture().tensor("w", F32, 4, 8).data(64).bytes(),
                "not a multiple of the alignment 32");
        refused(
                MalformedModelException.class,
                new GgufFixture().tensor("w", F32, 0, 64).data(128).bytes(),
                "pass the end of the file");
        refused(
                MalformedModelException.class,
                new GgufFixture()
                        .tensor("a", F32, 0, 16)
                        .tensor("b", F32, 32, 16)
                        .data(96)
                        .bytes(),
                "overlap those of 'a'");
        refused(
                MalformedModelException.class,
                new GgufFixture().tensor("a", F32, 0, 1, 1, 1, 1, 1).data(32).bytes(),
                "5 dimensions");
        refused(
                MalformedModelException.class,
                new GgufFixture()
                        .tensor("a", F32, 0, 8)
                        .tensor("a", F32, 32, 8)
                        .data(64)
                        .bytes(),
                "named twice");
    }

    @Test
    void alignedTensorsWithPaddingLeaveNoByteUnexplained() throws Exception {
        // Q4_0: 32 values in 18 bytes; a [64, 32] weight is 64 blocks = 1,152 bytes; the next tensor at 1,152
        // (aligned).
        Path f = dir.resolve("ok.gguf");
        Files.write(
                f,
                new GgufFixture()
                        .str("general.architecture", "llama")
                        .u32("general.alignment", 32)
                        .tensor("blk.0.attn_q.weight", Q4_0, 0, 64, 32)
                        .tensor("blk.0.attn_norm.weight", F32, 1152, 64)
                        .data(1152 + 256 + 7)
                        .bytes());
        Imports.Analyzed analyzed = Imports.analyze(f);
        ImportedModel m = analyzed.model();
        Report r = analyzed.report();
        assertEquals(64 * 32 + 64, r.parameters().total());
        assertEquals(0, r.ledger().unexplainedBytes());
        assertEquals(
                1152, m.graph().tensors().get("blk.0.attn_q.weight").storage().lengthBytes());
    }
}
