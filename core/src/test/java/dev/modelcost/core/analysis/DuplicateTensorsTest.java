package dev.modelcost.core.analysis;

import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.PayloadReader;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies are found by content among same-dtype, same-shape tensors; everything else is never read. */
class DuplicateTensorsTest {
    @TempDir
    Path dir;

    private static final int BIG = 3000; // fp32 elements: 12,000 bytes, beyond the prefix compared first

    /** Writes payloads back to back and returns their storages. */
    private List<Storage> write(Path file, byte[]... payloads) throws Exception {
        List<Storage> out = new ArrayList<>();
        long at = 0;
        byte[] all = new byte[0];
        for (byte[] p : payloads) {
            out.add(new Storage(Storage.MODEL_FILE, at, p.length, Storage.Encoding.RAW));
            byte[] grown = Arrays.copyOf(all, all.length + p.length);
            System.arraycopy(p, 0, grown, all.length, p.length);
            all = grown;
            at += p.length;
        }
        Files.write(file, all);
        return out;
    }

    /** Searches the tensors of one model file, read through the source a model import would use. */
    private static DuplicateTensors.Result find(Path file, List<Tensor> tensors) throws Exception {
        try (FileSource source = FileSource.open(file)) {
            return DuplicateTensors.find(PayloadReader.of(source), tensors);
        }
    }

    private static byte[] pattern(int bytes, int seed) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void identicalPayloadsOfTheSameShapeAreCopiesOfTheFirst() throws Exception {
        Path f = dir.resolve("m.bin");
        byte[] a = pattern(BIG * 4, 1);
        byte[] differsLate = a.clone();
        differsLate[11_000] ^= 1; // same first 4 KiB: only the full comparison tells them apart
        List<Storage> s = write(f, a, a.clone(), differsLate, a.clone());
        List<Tensor> tensors = List.of(
                Tensor.of("a", DType.FLOAT32, Shape.of(BIG), s.get(0)),
                Tensor.of("copy", DType.FLOAT32, Shape.of(BIG), s.get(1)),
                Tensor.of("almost", DType.FLOAT32, Shape.of(BIG), s.get(2)),
                Tensor.of("otherShape", DType.FLOAT32, Shape.of(BIG / 3, 3), s.get(3)),
                Tensor.of("alias", DType.FLOAT32, Shape.of(BIG), s.get(0)));
        DuplicateTensors.Result r = find(f, tensors);
        assertEquals(1, r.copies().size(), r.copies().toString());
        assertEquals("copy", r.copies().get(0).copy().name());
        assertEquals("a", r.copies().get(0).original().name());
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void smallTensorsAreDecidedByTheirWholePayload() throws Exception {
        Path f = dir.resolve("s.bin");
        List<Storage> s = write(f, pattern(64, 7), pattern(64, 7), pattern(64, 8));
        List<Tensor> tensors = List.of(
                Tensor.of("b1", DType.FLOAT32, Shape.of(16), s.get(0)),
                Tensor.of("b2", DType.FLOAT32, Shape.of(16), s.get(1)),
                Tensor.of("b3", DType.FLOAT32, Shape.of(16), s.get(2)));
        DuplicateTensors.Result r = find(f, tensors);
        assertEquals(1, r.copies().size());
        assertEquals("b2", r.copies().get(0).copy().name());
        assertEquals(3 * 64, r.bytesRead(), "three 64-byte payloads, each read once");
    }

    @Test
    void scalarsAndShortVectorsAreNotCompared() throws Exception {
        Path f = dir.resolve("c.bin");
        List<Storage> s = write(f, pattern(60, 7), pattern(60, 7));
        DuplicateTensors.Result r = find(
                f,
                List.of(
                        Tensor.of("c1", DType.FLOAT32, Shape.of(15), s.get(0)),
                        Tensor.of("c2", DType.FLOAT32, Shape.of(15), s.get(1))));
        assertTrue(r.copies().isEmpty());
        assertEquals(0, r.bytesRead());
    }

    @Test
    void tensorsWithoutAPartnerOfTheirShapeAreNeverRead() throws Exception {
        Path f = dir.resolve("u.bin");
        List<Storage> s = write(f, pattern(64, 1), pattern(128, 1));
        DuplicateTensors.Result r = find(
                f,
                List.of(
                        Tensor.of("x", DType.FLOAT32, Shape.of(16), s.get(0)),
                        Tensor.of("y", DType.FLOAT32, Shape.of(32), s.get(1))));
        assertEquals(0, r.bytesRead());
        assertTrue(r.copies().isEmpty());
    }

    @Test
    void aPayloadPastTheEndOfItsFileIsADiagnosticNotAFailure() throws Exception {
        Path f = dir.resolve("t.bin");
        Files.write(f, new byte[32]);
        Storage past = new Storage(Storage.MODEL_FILE, 0, 64, Storage.Encoding.RAW);
        Storage past2 = new Storage(Storage.MODEL_FILE, 40, 64, Storage.Encoding.RAW);
        DuplicateTensors.Result r = find(
                f,
                List.of(
                        Tensor.of("x", DType.FLOAT32, Shape.of(16), past),
                        Tensor.of("y", DType.FLOAT32, Shape.of(16), past2)));
        assertTrue(r.copies().isEmpty());
        assertEquals(2, r.diagnostics().size());
    }

    @Test
    void externalPayloadsAreReadOnlyThroughThePathsTheImporterChecked() throws Exception {
        Path model = dir.resolve("m.onnx");
        Files.write(model, new byte[0]);
        byte[] a = pattern(BIG * 4, 7);
        Files.write(dir.resolve("w.bin"), concat(a, a));
        Storage first = new Storage("w.bin", 0, a.length, Storage.Encoding.RAW);
        Storage second = new Storage("w.bin", a.length, a.length, Storage.Encoding.RAW);
        List<Tensor> tensors = List.of(
                Tensor.of("a", DType.FLOAT32, Shape.of(BIG), first),
                Tensor.of("b", DType.FLOAT32, Shape.of(BIG), second));

        try (FileSource source = FileSource.open(model)) {
            ModelSource w = source.openSibling("w.bin").orElseThrow();
            DuplicateTensors.Result checked =
                    DuplicateTensors.find(PayloadReader.of(source, Map.of("w.bin", w)), tensors);
            assertEquals(1, checked.copies().size(), checked.toString());

            // The file exists in the folder, but the importer did not open it: nothing is read.
            DuplicateTensors.Result unchecked = DuplicateTensors.find(PayloadReader.of(source), tensors);
            assertEquals(List.of(), unchecked.copies());
            assertEquals(0, unchecked.bytesRead());
            assertTrue(
                    unchecked.diagnostics().get(0).message().contains("not among the external files checked"),
                    unchecked.diagnostics().toString());
        }
    }

    @Test
    void aCheckedFileSwappedForALinkAfterTheImportIsNotFollowed() throws Exception {
        Path model = dir.resolve("m.onnx");
        Files.write(model, new byte[0]);
        byte[] a = pattern(BIG * 4, 9);
        Path outside = Files.createTempFile("outside", ".bin");
        Files.write(outside, concat(a, a));
        Path checkedPath = dir.resolve("w.bin");
        Files.write(checkedPath, concat(a, a));
        List<Tensor> tensors = List.of(
                Tensor.of("a", DType.FLOAT32, Shape.of(BIG), new Storage("w.bin", 0, a.length, Storage.Encoding.RAW)),
                Tensor.of(
                        "b",
                        DType.FLOAT32,
                        Shape.of(BIG),
                        new Storage("w.bin", a.length, a.length, Storage.Encoding.RAW)));
        try (FileSource source = FileSource.open(model)) {
            ModelSource w = source.openSibling("w.bin").orElseThrow();
            Files.delete(checkedPath);
            Files.createSymbolicLink(checkedPath, outside); // what an attacker put there once the import had checked it
            DuplicateTensors.Result r = DuplicateTensors.find(PayloadReader.of(source, Map.of("w.bin", w)), tensors);
            assertEquals(List.of(), r.copies());
            assertEquals(0, r.bytesRead());
            assertTrue(
                    r.diagnostics().get(0).message().contains("no longer a regular file"),
                    r.diagnostics().toString());
        } finally {
            Files.delete(outside);
        }
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
