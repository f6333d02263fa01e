package dev.modelcost.core.ops;

import dev.modelcost.core.ir.TensorType;

import java.util.List;

/**
 * A value of ONNX sequence type during inference: the type every element has (as far as known) and,
 * when the length is known, each element's own type. Sequences are never parameters; they matter because
 * tensors flow in and out of them (SplitToSequence, SequenceAt, ConcatFromSequence, Loop).
 */
public record SequenceValue(TensorType elementType, List<TensorType> elements) {
    public SequenceValue {
        elements = elements == null ? null : List.copyOf(elements);
    }

    public static SequenceValue ofElements(List<TensorType> elements, TensorType fallback) {
        return new SequenceValue(elements.isEmpty() ? fallback : Types.common(elements), elements);
    }

    public static SequenceValue ofUnknownLength(TensorType elementType) {
        return new SequenceValue(elementType, null);
    }

    public boolean lengthKnown() {
        return elements != null;
    }
}
