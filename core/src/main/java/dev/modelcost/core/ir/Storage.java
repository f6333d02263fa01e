package dev.modelcost.core.ir;

/**
 * Where a tensor's bytes sit: which file (relative to the model's folder; the model file itself is ""),
 * the byte offset and length there, and how they are encoded. Offsets of -1 mean "not known".
 */
public record Storage(String file, long offsetBytes, long lengthBytes, Encoding encoding) {

    public enum Encoding {
        /** Little-endian packed values (ONNX raw_data, HDF5 contiguous, ND4J buffers). */
        RAW,
        /** ONNX typed repeated fields (float_data, int64_data, ...): varints or packed fixed. */
        TYPED_FIELDS,
        /** HDF5 chunked and possibly filtered. */
        CHUNKED,
        /** Inside a compressed container entry; lengthBytes are the logical bytes. */
        COMPRESSED,
        /** Declared but its bytes are absent (missing external file, empty tensor). */
        ABSENT,
        /**
         * Block-quantized values packed several to a byte (ONNX MatMulNBits 2/4/8-bit weights): the tensor's shape and
         * dtype are the logical, dequantized ones; {@code lengthBytes} are the packed bytes the file holds.
         */
        BLOCKS
    }

    public static final String MODEL_FILE = "";

    public boolean isExternal() { return !MODEL_FILE.equals(file); }
}
