package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.DType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The three ND4J header layouts, written here byte by byte as Nd4j.write lays them out. */
class Nd4jHeaderTest {

    /** LONG_SHAPE / MIXED_DATA_TYPES: rank-2 [1, n] row vector, 'c' order. */
    static byte[] longHeader(String mode, String dtype, long n, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        long[] info = {2, 1, n, n, 1, 0, 1, 'c'};
        d.writeUTF(mode);
        d.writeLong(info.length);
        d.writeUTF("LONG");
        for (long v : info) {
            d.writeLong(v);
        }
        d.writeUTF(mode);
        d.writeLong(n);
        d.writeUTF(dtype);
        d.write(new byte[dataBytes]);
        return bytes.toByteArray();
    }

    static byte[] javacppHeader(String dtype, int n, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        int[] info = {2, 1, n, 1, 1, 0, 1, 'c'};
        d.writeUTF("JAVACPP");
        d.writeInt(info.length);
        d.writeUTF("INT");
        for (int v : info) {
            d.writeInt(v);
        }
        d.writeUTF("JAVACPP");
        d.writeInt(n);
        d.writeUTF(dtype);
        d.write(new byte[dataBytes]);
        return bytes.toByteArray();
    }

    @Test
    void mixedDataTypesHalf() throws Exception {
        byte[] b = longHeader("MIXED_DATA_TYPES", "HALF", 149, 298);
        Nd4jHeader h = Nd4jHeader.parse(b);
        assertEquals("MIXED_DATA_TYPES", h.format());
        assertEquals(DType.FLOAT16, h.dtype());
        assertEquals(149, h.length());
        assertArrayEquals(new long[] {1, 149}, h.shape());
        // 2+16 mode, 8 length, 2+4 "LONG", 8×8 info, 2+16 mode, 8 length, 2+4 "HALF"
        assertEquals(128, h.headerBytes());
        assertEquals(b.length, h.expectedEntryBytes());
    }

    @Test
    void longShapeDouble() throws Exception {
        Nd4jHeader h = Nd4jHeader.parse(longHeader("LONG_SHAPE", "DOUBLE", 10, 80));
        assertEquals(DType.FLOAT64, h.dtype());
        assertEquals(10, h.length());
        assertEquals(8, h.elementBytes());
    }

    @Test
    void legacyJavacppFloat() throws Exception {
        byte[] b = javacppHeader("FLOAT", 41, 164);
        Nd4jHeader h = Nd4jHeader.parse(b);
        assertEquals("JAVACPP", h.format());
        assertEquals(DType.FLOAT32, h.dtype());
        assertEquals(41, h.length());
        assertEquals(70, h.headerBytes()); // 2+7, 4, 2+3, 8×4, 2+7, 4, 2+5
        assertEquals(234, h.expectedEntryBytes()); // the corpus's 0.5.0 MLP coefficients.bin is 234 bytes
    }

    @Test
    void truncatedAndHostileHeadersAreRefused() throws Exception {
        byte[] b = longHeader("MIXED_DATA_TYPES", "FLOAT", 5, 0);
        byte[] cut = Arrays.copyOf(b, 40);
        assertThrows(Nd4jHeader.FormatException.class, () -> Nd4jHeader.parse(cut));
        assertThrows(Nd4jHeader.FormatException.class, () -> Nd4jHeader.parse(new byte[] {0, 3, 'F', 'O', 'O'}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeUTF("MIXED_DATA_TYPES");
        d.writeLong(Long.MAX_VALUE); // absurd shape-information length: refused before any allocation
        assertThrows(Nd4jHeader.FormatException.class, () -> Nd4jHeader.parse(bytes.toByteArray()));
    }
}
