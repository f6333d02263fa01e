package dev.modelcost.core.ir;

import java.util.Objects;

/** Element type and shape of a value. */
public record TensorType(DType dtype, Shape shape) {
    public static final TensorType UNKNOWN = new TensorType(DType.UNKNOWN, Shape.UNKNOWN_RANK);

    public TensorType {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
    }

    public static TensorType of(DType dtype, long... sizes) {
        return new TensorType(dtype, Shape.of(sizes));
    }

    public TensorType withShape(Shape s) {
        return new TensorType(dtype, s);
    }

    public boolean isFullyKnown() {
        return dtype != DType.UNKNOWN && shape.isFullyKnown();
    }

    @Override
    public String toString() {
        return dtype.shortName() + shape;
    }
}
