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
        java.util.Set<String> dataSymbols,
        java.util.Set<String> batchIndependent) {
    /** Read-only views of copies (iteration order kept): the analyses after inference read them, none changes them. */
    public InferredTypes {
        types = Collections.unmodifiableMap(new HashMap<>(types));
        values = Collections.unmodifiableMap(new HashMap<>(values));
        diagnostics = List.copyOf(diagnostics);
        sequences = Collections.unmodifiableMap(new HashMap<>(sequences));
        dimValues = Collections.unmodifiableMap(new HashMap<>(dimValues));
        dataSymbols = java.util.Set.copyOf(dataSymbols);
        batchIndependent = java.util.Set.copyOf(batchIndependent);
    }

    /** The same types, knowing which values computed from the data are the same for every sample. */
    InferredTypes withBatchIndependent(java.util.Set<String> names) {
        return new InferredTypes(types, values, schedule, diagnostics, sequences, dimValues, dataSymbols, names);
    }

    /** True for a value computed from the data whose size does not depend on the batch ({@link BatchIndependence}). */
    public boolean isBatchIndependent(String value) {
        return batchIndependent.contains(value);
    }

    public TensorType typeOf(String value) {
        TensorType t = types.get(value);
        return t == null ? TensorType.UNKNOWN : t;
    }

    public Optional<ConstantValues> valuesOf(String value) {
        return Optional.ofNullable(values.get(value));
    }
}
