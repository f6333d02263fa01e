package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.ParameterSummary;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Totals of stored tensors by role, trainability and dtype; each tensor once. */
public final class ParameterCount {
    private ParameterCount() {}

    public static ParameterSummary of(Collection<Tensor> tensors, List<Diagnostic> diagnostics) {
        Map<TensorRole, Long> byRole = new EnumMap<>(TensorRole.class);
        for (TensorRole r : TensorRole.values()) {
            if (r.isParameter()) {
                byRole.put(r, 0L);
            }
        }
        Map<DType, Long> byDType = new EnumMap<>(DType.class);
        Map<String, Long> byBlocks = new TreeMap<>();
        long total = 0;
        long trainable = 0;
        long bytes = 0;
        long storedBytes = 0;
        long count = 0;
        long constElements = 0;
        long constBytes = 0;
        long bufferElements = 0;
        long bufferBytes = 0;
        for (Tensor t : tensors) {
            if (t.elementCount().isEmpty()) {
                diagnostics.add(Diagnostic.warning("tensor '" + t.name() + "' has an unknown shape; not counted"));
                continue;
            }
            long n = t.elementCount().getAsLong();
            long b = t.logicalBytes().orElse(0);
            if (!t.declaredRole().isParameter()) {
                constElements = Math.addExact(constElements, n);
                constBytes = Math.addExact(constBytes, b);
                if (t.declaredRole() == TensorRole.BUFFER) {
                    bufferElements = Math.addExact(bufferElements, n);
                    bufferBytes = Math.addExact(bufferBytes, b);
                }
                continue;
            }
            count++;
            total = Math.addExact(total, n);
            bytes = Math.addExact(bytes, b);
            storedBytes = Math.addExact(storedBytes, packed(t) ? t.storage().lengthBytes() : b);
            byRole.merge(t.declaredRole(), n, Math::addExact);
            byDType.merge(t.dtype(), n, Math::addExact);
            if (t.storage() != null && t.storage().blocks() != null) {
                byBlocks.merge(t.storage().blocks().name(), n, Math::addExact);
            }
            if (Boolean.TRUE.equals(t.declaredTrainable())) {
                trainable = Math.addExact(trainable, n);
            }
        }
        return new ParameterSummary(
                total,
                trainable,
                total - trainable,
                byRole,
                byDType,
                bytes,
                storedBytes,
                count,
                constElements,
                constBytes,
                byBlocks,
                0,
                bufferElements,
                bufferBytes);
    }

    /** A tensor whose stored bytes are blocks of packed values, not elements × width. */
    private static boolean packed(Tensor t) {
        return t.storage() != null
                && t.storage().blocks() != null
                && t.storage().lengthBytes() >= 0;
    }
}
