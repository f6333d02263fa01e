package dev.modelcost.core.report;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored parameter elements, each tensor once. {@code byRole} has the five parameter roles and sums to
 * {@code total}; {@code logicalBytes} is elements × element width in the stored dtypes.
 */
public record ParameterSummary(long total,
                               long trainable,
                               long nonTrainable,
                               Map<TensorRole, Long> byRole,
                               Map<DType, Long> elementsByDType,
                               long logicalBytes,
                               long tensorCount,
                               long constantElements,
                               long constantBytes,
                               long inAttributesLogicalBytes) {
    /** Read-only copies in the enums' order, so every format lists roles and dtypes the same way on every run. */
    public ParameterSummary {
        byRole = Collections.unmodifiableMap(new TreeMap<>(byRole));
        elementsByDType = Collections.unmodifiableMap(new TreeMap<>(elementsByDType));
    }

    public ParameterSummary(long total, long trainable, long nonTrainable, Map<TensorRole, Long> byRole,
                            Map<DType, Long> elementsByDType, long logicalBytes, long tensorCount, long constantElements,
                            long constantBytes) {
        this(total, trainable, nonTrainable, byRole, elementsByDType, logicalBytes, tensorCount, constantElements,
                constantBytes, 0);
    }

    /** The same summary, noting how many of its logical bytes are values kept in node attributes (not tensors). */
    public ParameterSummary withInAttributesLogicalBytes(long bytes) {
        return new ParameterSummary(total, trainable, nonTrainable, byRole, elementsByDType, logicalBytes, tensorCount,
                constantElements, constantBytes, bytes);
    }

    public long role(TensorRole r) { return byRole.getOrDefault(r, 0L); }
}
