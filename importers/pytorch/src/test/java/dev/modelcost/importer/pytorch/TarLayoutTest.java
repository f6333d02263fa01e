package dev.modelcost.importer.pytorch;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A torch < 0.4 tar archive written here from the layout in torch/serialization.py (legacy_load's tar branch): a
 * 6-element float storage '1', a 2-element view '7' of it at offset 4, tensor 2 = [2, 3] on '1', tensor 3 = [2] on
 * the view, and a pickle {'w': tensor 2, 'b': tensor 3}. Oracle: 8 elements, 24 storage bytes, every byte explained.
 */
class TarLayoutTest {
    @TempDir
    Path dir;

    private static byte[] b(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof Character c) {
                out.write(c);
            } else if (p instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                out.writeBytes(((String) p).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }

    private static byte[] longs(long... v) {
        ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            bb.putLong(x);
        }
        return bb.array();
    }

    /** One ustar entry: a 512-byte header (name, octal size, type '0') and the data padded to 512. */
    private static byte[] entry(String name, byte[] data) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, h, 124, size.length);
        h[156] = '0';
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
        byte[] padded = new byte[(data.length + 511) / 512 * 512];
        System.arraycopy(data, 0, padded, 0, data.length);
        return b(h, padded);
    }

    static byte[] archive() {
        byte[] storages = b(
                'K',
                1,
                '.',
                '(',
                'K',
                1,
                'X',
                3,
                0,
                0,
                0,
                "cpu",
                'c',
                "torch\nFloatStorage\n",
                't',
                '.',
                longs(6),
                new byte[24],
                ']',
                '(',
                'K',
                7,
                'K',
                1,
                'K',
                4,
                'K',
                2,
                't',
                'a',
                '.');
        byte[] tensors = b(
                'K',
                2,
                '.',
                '(',
                'K',
                2,
                'K',
                1,
                'c',
                "torch\nFloatTensor\n",
                't',
                '.',
                2,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                longs(2, 3, 3, 1, 0),
                '(',
                'K',
                3,
                'K',
                7,
                'c',
                "torch\nFloatTensor\n",
                't',
                '.',
                1,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                longs(2, 1, 0));
        byte[] pickle = b(
                0x80, 2, '}', 'X', 1, 0, 0, 0, "w", 'X', 1, 0, 0, 0, "2", 'Q', 's', 'X', 1, 0, 0, 0, "b", 'X', 1, 0, 0,
                0, "3", 'Q', 's', '.');
        return b(
                entry("sys_info", b('}', '.')),
                entry("pickle", pickle),
                entry("tensors", tensors),
                entry("storages", storages),
                new byte[1024]);
    }

    @Test
    void tensorsOfATarArchiveAndTheirViewAreCountedAndEveryByteExplained() throws Exception {
        Path f = dir.resolve("old.pt");
        Files.write(f, archive());
        Report r = ModelCost.standard().inspect(f);
        assertEquals("tar (torch < 0.4)", r.model().metadata().get("container"));
        assertEquals(8, r.parameters().total(), "6 + 2 elements");
        assertEquals(0, r.ledger().unexplainedBytes());
        long storageBytes = r.ledger().entries().stream()
                .filter(e -> e.category().jsonName().equals("parameters")
                        || e.detail().contains("no tensor views"))
                .mapToLong(e -> e.bytes())
                .sum();
        assertEquals(24, storageBytes, "the storage's 24 bytes: the tensor covers them all, the view overlaps it");
    }

    @Test
    void aTensorPastItsStorageIsMalformed() throws Exception {
        byte[] a = archive();
        // The view's element offset 4 becomes 5: its 2 elements end past the 6-element storage.
        String text = new String(a, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("K\u0007K\u0001K\u0004");
        a[at + 5] = 5;
        Path f = dir.resolve("past.pt");
        Files.write(f, a);
        try {
            ModelCost.standard().inspect(f);
            throw new AssertionError("a view past its storage was accepted");
        } catch (ModelException e) {
            assertTrue(e.getMessage().contains("reaches element"), e.getMessage());
        }
    }
}
