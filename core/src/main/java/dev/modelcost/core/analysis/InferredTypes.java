package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.report.Diagnostic;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Result of shape inference: the type of every value, the values computed from shapes, sequence values, what stayed
 * unknown, and the symbols rules made for sizes only the data tells ({@code dataSymbols}, which --dim may set).
 */
public record InferredTypes(
        Map<String, TensorType> types,
        Map<String, ConstantValues> values,
        Schedule schedule,
        List<Diagnostic> diagnostics,
        Map<String, dev.modelcost.core.ops.SequenceValue> sequences,
        Map<String, List<dev.modelcost.core.ir.Dim>> dimValues,
        java.util.Set<String> dataSymbols) {
    /** Read-only views of copies (iteration order kept): the analyses after inference read them, none changes them. */
    public InferredTypes {
        types = Collections.unmodifiableMap(new HashMap<>(types));
        values = Collections.unmodifiableMap(new HashMap<>(values));
        diagnostics = List.copyOf(diagnostics);
        sequences = Collections.unmodifiableMap(new HashMap<>(sequences));
        dimValues = Collections.unmodifiableMap(new HashMap<>(dimValues));
        dataSymbols = java.util.Set.copyOf(dataSymbols);
    }

    public TensorType typeOf(String value) {
        TensorType t = types.get(value);
        return t == null ? TensorType.UNKNOWN : t;
    }

    public Optional<ConstantValues> valuesOf(String value) {
        return Optional.ofNullable(values.get(value));
    }
}
