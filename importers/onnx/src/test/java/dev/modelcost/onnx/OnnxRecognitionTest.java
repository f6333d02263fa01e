package dev.modelcost.onnx;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Telling ONNX models from other protobuf files by their first bytes (folder walks meet both). */
class OnnxRecognitionTest {
    private final OnnxImporter importer = new OnnxImporter();

    @Test
    void aModelStartsWithIrVersionThenAModelField() {
        // ir_version 8 (08 08), then producer_name "pytorch" (field 2, length-delimited: 12 07 ...).
        assertTrue(importer.recognizes("m.bin", new byte[] {0x08, 0x08, 0x12, 0x07, 'p', 'y', 't'}));
        // ir_version 7, then the graph (field 7: 3a).
        assertTrue(importer.recognizes("m.bin", new byte[] {0x08, 0x07, 0x3a, 0x05}));
    }

    @Test
    void aTensorProtoOfTestDataIsNotAModel() {
        // TensorProto dims [3, 4] (08 03 08 04) then data_type FLOAT (10 01): ONNX's input_0.pb files.
        assertFalse(importer.recognizes("input_0.pb", new byte[] {0x08, 0x03, 0x08, 0x04, 0x10, 0x01}));
        // A 1-D tensor: dims [5] then data_type.
        assertFalse(importer.recognizes("output_0.pb", new byte[] {0x08, 0x05, 0x10, 0x07}));
    }
}
