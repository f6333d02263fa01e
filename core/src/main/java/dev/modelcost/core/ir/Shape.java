package dev.modelcost.core.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** A tensor shape; {@link #UNKNOWN_RANK} when not even the rank is known. Immutable. */
public final class Shape {
    public static final Shape UNKNOWN_RANK = new Shape(null);
    public static final Shape SCALAR = new Shape(List.of());

    private final List<Dim> dims;

    private Shape(List<Dim> dims) {
        this.dims = dims == null ? null : List.copyOf(dims);
    }

    public static Shape of(List<Dim> dims) {
        return new Shape(dims);
    }

    public static Shape of(long... sizes) {
        List<Dim> d = new ArrayList<>(sizes.length);
        for (long s : sizes) {
            d.add(Dim.of(s));
        }
        return new Shape(d);
    }

    /** A shape of the given rank whose every dimension is unknown. */
    public static Shape unknownOfRank(int rank) {
        return new Shape(Collections.nCopies(rank, Dim.UNKNOWN));
    }

    public boolean hasRank() {
        return dims != null;
    }

    public int rank() {
        if (dims == null) {
            throw new IllegalStateException("rank unknown");
        }
        return dims.size();
    }

    public List<Dim> dims() {
        if (dims == null) {
            throw new IllegalStateException("rank unknown");
        }
        return dims;
    }

    public Dim dim(int axis) {
        return dims().get(axis);
    }

    public boolean isFullyKnown() {
        return dims != null && dims.stream().allMatch(Dim::isFixed);
    }

    /** Product of the dimensions, empty unless every dimension is fixed. Overflow throws ArithmeticException. */
    public OptionalLong elementCount() {
        if (!isFullyKnown()) {
            return OptionalLong.empty();
        }
        long n = 1;
        for (Dim d : dims) {
            n = Math.multiplyExact(n, d.size());
        }
        return OptionalLong.of(n);
    }

    /** The fixed sizes; callers check {@link #isFullyKnown()} first. */
    public long[] sizes() {
        long[] out = new long[rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i).size();
        }
        return out;
    }

    /** Replaces one dimension. */
    public Shape with(int axis, Dim dim) {
        List<Dim> d = new ArrayList<>(dims());
        d.set(axis, dim);
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Objects.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(dims);
    }

    @Override
    public String toString() {
        if (dims == null) {
            return "[?..]";
        }
        return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
