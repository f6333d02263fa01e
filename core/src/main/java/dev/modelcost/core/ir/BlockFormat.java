package dev.modelcost.core.ir;

import java.util.Objects;

/**
 * How block-quantized weights are packed: every {@code blockElements} consecutive values of a tensor are stored
 * together in {@code blockBytes} bytes (the packed codes plus whatever the format keeps inside the block: scales,
 * minimums, sub-block scales). ggml's Q4_0 is 32 values in 18 bytes, Q4_K 256 values in 144 bytes; a GPTQ int4
 * {@code qweight} packs 8 values in one 4-byte int32 (its scales and zeros are separate tensors), an ONNX
 * MatMulNBits 4-bit weight 32 values in 16 bytes (scales separate as well).
 * <p>
 * A tensor stored this way keeps its logical shape and the dtype its values are dequantized to: its elements count
 * as parameters, {@link Tensor#logicalBytes()} is what the dequantized values take, and the storage's
 * {@code lengthBytes} is blocks × {@code blockBytes}, which is what the ledger counts.
 */
public record BlockFormat(String name, int blockElements, int blockBytes) {

    public BlockFormat {
        Objects.requireNonNull(name, "name");
        if (blockElements <= 0 || blockBytes <= 0) {
            throw new IllegalArgumentException("a block holds at least one value in at least one byte: " + blockElements
                    + " values in " + blockBytes + " bytes");
        }
    }

    /** Whether {@code elements} values fill whole blocks (formats that quantize row by row require it). */
    public boolean fillsWholeBlocks(long elements) {
        return elements % blockElements == 0;
    }

    /** Blocks needed for {@code elements} values, a partial last block counting as one. */
    public long blocksFor(long elements) {
        return elements / blockElements + (elements % blockElements == 0 ? 0 : 1);
    }

    /** Stored bytes of {@code elements} values: whole blocks times the block's bytes. */
    public long storedBytesFor(long elements) {
        return Math.multiplyExact(blocksFor(elements), (long) blockBytes);
    }

    /** Average stored bits per value, for messages ("4.5 bits per value"). */
    public double bitsPerElement() {
        return blockBytes * 8.0 / blockElements;
    }
}
