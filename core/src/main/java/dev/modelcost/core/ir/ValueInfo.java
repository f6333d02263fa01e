package dev.modelcost.core.ir;

import java.util.OptionalLong;

/**
 * A named value of the graph with its declared type (which may be partly or wholly unknown). A sequence, map or
 * optional value also has its {@code container} type; its {@code type} then stands for the element values (a map's
 * value type, else unknown).
 *
 * @param batchAxis the axis of a graph input that an importer knows to be the batch, or -1. Where that axis has a
 *                  fixed size N, the file was written for batches of N ({@link #fileBatch()}): analyses report that
 *                  batch as stored and divide their figures by N for "per sample"; {@code --batch M} re-batches the
 *                  axis to M. Where it is symbolic, it is the batch dimension like an unmarked leading symbol. A
 *                  report's inputs mark the axis that holds the samples their (inferred) shapes hold, so that
 *                  {@link #elementsPerSample()} is per sample there too.
 */
public record ValueInfo(String name, TensorType type, ContainerType container, int batchAxis) {
    public ValueInfo {
        if (type == null) {
            type = TensorType.UNKNOWN;
        }
        if (batchAxis < -1) {
            throw new IllegalArgumentException("batch axis must be -1 (none) or an axis, not " + batchAxis);
        }
    }

    public ValueInfo(String name, TensorType type, ContainerType container) {
        this(name, type, container, -1);
    }

    public ValueInfo(String name, TensorType type) {
        this(name, type, null, -1);
    }

    public boolean isTensor() {
        return container == null;
    }

    /** The same value with another tensor type, keeping its container type and batch axis. */
    public ValueInfo withType(TensorType t) {
        return new ValueInfo(name, t, container, batchAxis);
    }

    /** This value with {@code axis} marked as its batch axis. */
    public ValueInfo withBatchAxis(int axis) {
        return new ValueInfo(name, type, container, axis);
    }

    /** The batch the file fixes on the marked axis (a fixed size there), or empty. */
    public OptionalLong fileBatch() {
        Shape s = type.shape();
        if (batchAxis < 0
                || !s.hasRank()
                || batchAxis >= s.rank()
                || !s.dim(batchAxis).isFixed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(s.dim(batchAxis).size());
    }

    /** Elements of one sample: the whole value divided by the batch on its marked axis (0 where unknown). */
    public long elementsPerSample() {
        long all = type.shape().elementCount().orElse(0);
        long samples = fileBatch().orElse(1);
        return samples == 0 ? 0 : all / samples;
    }
}
