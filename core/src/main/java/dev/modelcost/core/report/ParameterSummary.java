package dev.modelcost.core.report;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored parameter elements, each tensor once. {@code byRole} has the six parameter roles and sums to
 * {@code total}; {@code logicalBytes} is elements × element width in the stored dtypes (for block-quantized tensors,
 * the dtype their values dequantize to); {@code storedBytes} is what they take as the file stores them, block-quantized
 * tensors at their packed size (a runtime that keeps them packed holds these bytes). {@code elementsByBlockFormat}
 * counts the parameters stored in quantized blocks, by block format (Q4_K, gptq int4, ...). {@code constantElements} and
 * {@code constantBytes} count every stored tensor that is no parameter; {@code bufferElements} and {@code bufferBytes}
 * are the part of them that are buffers (anchor and prior boxes, {@link TensorRole#BUFFER}).
 */
public record ParameterSummary(
        long total,
        long trainable,
        long nonTrainable,
        Map<TensorRole, Long> byRole,
        Map<DType, Long> elementsByDType,
        long logicalBytes,
        long storedBytes,
        long tensorCount,
        long constantElements,
        long constantBytes,
        Map<String, Long> elementsByBlockFormat,
        long inAttributesLogicalBytes,
        long bufferElements,
        long bufferBytes) {
    /** Read-only copies in the enums' order, so every format lists roles and dtypes the same way on every run. */
    public ParameterSummary {
        byRole = Collections.unmodifiableMap(new TreeMap<>(byRole));
        elementsByDType = Collections.unmodifiableMap(new TreeMap<>(elementsByDType));
        elementsByBlockFormat = Collections.unmodifiableMap(new TreeMap<>(elementsByBlockFormat));
    }

    /** The same summary, noting how many of its logical bytes are values kept in node attributes (not tensors). */
    public ParameterSummary withInAttributesLogicalBytes(long bytes) {
        return new ParameterSummary(
                total,
                trainable,
                nonTrainable,
                byRole,
                elementsByDType,
                logicalBytes,
                storedBytes,
                tensorCount,
                constantElements,
                constantBytes,
                elementsByBlockFormat,
                bytes,
                bufferElements,
                bufferBytes);
    }

    public long role(TensorRole r) {
        return byRole.getOrDefault(r, 0L);
    }
}
