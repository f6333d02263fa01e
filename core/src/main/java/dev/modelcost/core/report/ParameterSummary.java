package dev.modelcost.core.report;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;

import java.util.Map;

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
                               long constantBytes) {
    public ParameterSummary {
        byRole = Map.copyOf(byRole);
        elementsByDType = Map.copyOf(elementsByDType);
    }

    public long role(TensorRole r) { return byRole.getOrDefault(r, 0L); }
}
