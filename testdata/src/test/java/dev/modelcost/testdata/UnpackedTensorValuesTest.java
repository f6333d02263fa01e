package dev.modelcost.testdata;

import com.google.protobuf.CodedOutputStream;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A tensor whose int64 values come one unpacked field each (tag + one-byte varint: 2 bytes a value) is
 * 20 million values in 40 MB of file. Kept as boxed longs they would need over 400 MB; this test runs in
 * testdata's 256 MiB heap, so it passes only if the reader stops keeping values once a tensor is too big
 * to be a shape constant.
 */
class UnpackedTensorValuesTest {
    private static final int VALUES = 20_000_000;

    @TempDir
    Path dir;

    @Test
    void millionsOfUnpackedValuesAreCountedNotKept() throws Exception {
        int tensorBytes = CodedOutputStream.computeInt64Size(1, VALUES)
                + CodedOutputStream.computeInt32Size(2, 7)
                + CodedOutputStream.computeStringSize(8, "w")
                + VALUES * CodedOutputStream.computeInt64Size(7, 1);
        int graphBytes = CodedOutputStream.computeTagSize(5)
                + CodedOutputStream.computeUInt32SizeNoTag(tensorBytes)
                + tensorBytes;
        Path f = dir.resolve("unpacked.onnx");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            CodedOutputStream out = CodedOutputStream.newInstance(os);
            out.writeInt64(1, 8); // ir_version
            out.writeTag(8, 2); // opset_import { version: 13 }
            out.writeUInt32NoTag(CodedOutputStream.computeInt64Size(2, 13));
            out.writeInt64(2, 13);
            out.writeTag(7, 2); // graph
            out.writeUInt32NoTag(graphBytes);
            out.writeTag(5, 2); // initializer
            out.writeUInt32NoTag(tensorBytes);
            out.writeInt64(1, VALUES); // dims
            out.writeInt32(2, 7); // INT64
            out.writeString(8, "w");
            for (int i = 0; i < VALUES; i++) {
                out.writeInt64(7, 1); // int64_data, unpacked
            }
            out.flush();
        }
        Tensor w = ModelCost.standard().load(f).graph().tensors().get("w");
        assertEquals(
                (long) VALUES, w.storage().lengthBytes(), "payload bytes: one value byte each (the tags are framing)");
        assertNull(w.values(), "a tensor this big is not kept as a constant");
    }
}
