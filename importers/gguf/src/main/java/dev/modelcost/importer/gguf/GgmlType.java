package dev.modelcost.importer.gguf;

import dev.modelcost.core.ir.BlockFormat;
import dev.modelcost.core.ir.DType;

import java.util.Optional;

/**
 * ggml's tensor types by their id in a GGUF tensor info, with the block each packs (values per block, bytes per
 * block; ggml-common.h): plain types are blocks of one value. Ids 4, 5 and 31–33, 36–38 were removed from ggml and
 * are not accepted. A quantized type's values are dequantized to fp32, which is its logical dtype here.
 */
enum GgmlType {
    F32(0, 1, 4, DType.FLOAT32),
    F16(1, 1, 2, DType.FLOAT16),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1, DType.INT8),
    I16(25, 1, 2, DType.INT16),
    I32(26, 1, 4, DType.INT32),
    I64(27, 1, 8, DType.INT64),
    F64(28, 1, 8, DType.FLOAT64),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2, DType.BFLOAT16),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    MXFP4(39, 32, 17);

    private final int id;
    private final int blockElements;
    private final int blockBytes;
    private final DType plain;

    GgmlType(int id, int blockElements, int blockBytes) {
        this(id, blockElements, blockBytes, null);
    }

    GgmlType(int id, int blockElements, int blockBytes, DType plain) {
        this.id = id;
        this.blockElements = blockElements;
        this.blockBytes = blockBytes;
        this.plain = plain;
    }

    static Optional<GgmlType> of(long id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    int blockElements() {
        return blockElements;
    }

    /** Stored bytes of {@code elements} values (a whole number of blocks, checked by the reader). */
    long bytesFor(long elements) {
        return Math.multiplyExact(elements / blockElements, (long) blockBytes);
    }

    boolean isQuantized() {
        return plain == null;
    }

    /** The IR dtype: the plain type's own, fp32 for quantized types. */
    DType dtype() {
        return plain != null ? plain : DType.FLOAT32;
    }

    /** The block layout of a quantized type, for the tensor's storage. */
    BlockFormat blocks() {
        return new BlockFormat(name(), blockElements, blockBytes);
    }
}
