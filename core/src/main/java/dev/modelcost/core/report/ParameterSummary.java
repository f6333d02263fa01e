package dev.modelcost.core.report;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored parameter elements, each tensor once. {@code byRole} has the six parameter roles and sums to
 * {@code total}; {@code logicalBytes} is elements × element width in the stored dtypes (for block-quantized tensors,
 * the dtype their values dequantize to). {@code elementsByBlockFormat} counts the parameters stored in quantized
 * blocks, by block format (Q4_K, gptq int4, ...); their stored bytes are in the ledger. {@code constantElements} and
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

    /** Parameters none of which are stored in quantized blocks. */
    public ParameterSummary(
            long total,
            long trainable,
            long nonTrainable,
            Map<TensorRole, Long> byRole,
            Map<DType, Long> elementsByDType,
            long logicalBytes,
            long tensorCount,
            long constantElements,
            long constantBytes) {
        this(
                total,
                trainable,
                nonTrainable,
                byRole,
                elementsByDType,
                logicalBytes,
                tensorCount,
                constantElements,
                constantBytes,
                Map.of(),
                0,
                0,
                0);
    }

    /** With block-quantized parameters, none of them kept in node attributes. */
    public ParameterSummary(
            long total,
            long trainable,
            long nonTrainable,
            Map<TensorRole, Long> byRole,
            Map<DType, Long> elementsByDType,
            long logicalBytes,
            long tensorCount,
            long constantElements,
            long constantBytes,
            Map<String, Long> elementsByBlockFormat) {
        this(
                total,
                trainable,
                nonTrainable,
                byRole,
                elementsByDType,
                logicalBytes,
                tensorCount,
                constantElements,
                constantBytes,
                elementsByBlockFormat,
                0,
                0,
                0);
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
