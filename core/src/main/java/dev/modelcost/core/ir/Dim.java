package dev.modelcost.core.ir;

/** One dimension of a shape: a fixed size, a named symbol (e.g. "batch"), or unknown. */
public sealed interface Dim permits Dim.Fixed, Dim.Symbolic, Dim.Unknown {

    record Fixed(long size) implements Dim {
        public Fixed {
            if (size < 0) {
                throw new IllegalArgumentException("negative dimension " + size);
            }
        }

        @Override
        public String toString() { return Long.toString(size); }
    }

    record Symbolic(String name) implements Dim {
        @Override
        public String toString() { return name; }
    }

    record Unknown() implements Dim {
        @Override
        public String toString() { return "?"; }
    }

    Unknown UNKNOWN = new Unknown();

    static Dim of(long size) { return new Fixed(size); }

    static Dim symbol(String name) {
        return name == null || name.isEmpty() ? UNKNOWN : new Symbolic(name);
    }

    default boolean isFixed() { return this instanceof Fixed; }

    /** The fixed size; callers check {@link #isFixed()} first. */
    default long size() {
        if (this instanceof Fixed f) {
            return f.size();
        }
        throw new IllegalStateException("dimension " + this + " is not fixed");
    }
}
