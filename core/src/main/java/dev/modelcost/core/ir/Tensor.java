package dev.modelcost.core.ir;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A stored tensor (initializer, Constant node value, Keras dataset, DL4J parameter slice).
 * {@code declaredRole} and {@code declaredTrainable} are null when the format does not say and the
 * analyses infer them from how the tensor is consumed. {@code values} holds the content of small
 * integer or float tensors that shape inference needs (shapes, axes, scales); weights are never read.
 */
public record Tensor(
        String name,
        DType dtype,
        Shape shape,
        TensorRole declaredRole,
        Boolean declaredTrainable,
        Storage storage,
        ConstantValues values) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
    }

    public static Tensor of(String name, DType dtype, Shape shape, Storage storage) {
        return new Tensor(name, dtype, shape, null, null, storage, null);
    }

    public TensorType type() {
        return new TensorType(dtype, shape);
    }

    public OptionalLong elementCount() {
        return shape.elementCount();
    }

    /** Logical bytes (elements × width); empty when the shape or width is unknown. */
    public OptionalLong logicalBytes() {
        OptionalLong n = elementCount();
        return n.isPresent() ? dtype.bytesFor(n.getAsLong()) : OptionalLong.empty();
    }

    public Tensor withRole(TensorRole role, Boolean trainable) {
        return new Tensor(name, dtype, shape, role, trainable, storage, values);
    }
}
