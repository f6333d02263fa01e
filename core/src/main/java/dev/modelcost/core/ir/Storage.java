package dev.modelcost.core.ir;

/**
 * Where a tensor's bytes sit: which file (relative to the model's folder; the model file itself is ""),
 * the byte offset and length there, and how they are encoded. Offsets of -1 mean "not known".
 * {@code blocks} says how values are packed when the encoding is {@link Encoding#BLOCKS}, and is null otherwise.
 */
public record Storage(String file, long offsetBytes, long lengthBytes, Encoding encoding, BlockFormat blocks) {

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
        /** Block-quantized: values packed in fixed blocks as {@link Storage#blocks()} describes. */
        BLOCKS
    }

    public Storage {
        if ((encoding == Encoding.BLOCKS) != (blocks != null)) {
            throw new IllegalArgumentException("a block format goes with the BLOCKS encoding, and only with it");
        }
    }

    /** Storage whose encoding needs no block format. */
    public Storage(String file, long offsetBytes, long lengthBytes, Encoding encoding) {
        this(file, offsetBytes, lengthBytes, encoding, null);
    }

    /** Block-quantized values packed as {@code blocks} describes. */
    public static Storage blocks(String file, long offsetBytes, long lengthBytes, BlockFormat blocks) {
        return new Storage(file, offsetBytes, lengthBytes, Encoding.BLOCKS, blocks);
    }

    public static final String MODEL_FILE = "";

    public boolean isExternal() {
        return !MODEL_FILE.equals(file);
    }
}
