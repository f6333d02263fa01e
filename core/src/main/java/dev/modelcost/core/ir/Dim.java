package dev.modelcost.core.ir;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One dimension of a shape: a fixed size, a named symbol (e.g. "batch"), an integer polynomial of symbols
 * (e.g. 2*seq + 1, batch*heads; see {@link DimArithmetic}), or unknown. Only {@link Fixed} has a size.
 */
public sealed interface Dim permits Dim.Fixed, Dim.Symbolic, Dim.Expr, Dim.Unknown {

    record Fixed(long size) implements Dim {
        public Fixed {
            if (size < 0) {
                throw new IllegalArgumentException("negative dimension " + size);
            }
        }

        @Override
        public String toString() {
            return Long.toString(size);
        }
    }

    record Symbolic(String name) implements Dim {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A polynomial with integer coefficients over symbol names: each key is a monomial (symbol names,
     * sorted, repeated for powers; the empty list is the constant term), each value its non-zero coefficient.
     * Built by {@link DimArithmetic}, which keeps it canonical (never a plain constant or a lone symbol).
     */
    record Expr(Map<List<String>, Long> terms) implements Dim {
        public Expr {
            TreeMap<List<String>, Long> sorted = new TreeMap<>(DimArithmetic.MONOMIAL_ORDER);
            if (terms != null) {
                sorted.putAll(terms);
            }
            terms = Collections.unmodifiableMap(sorted);
        }

        @Override
        public String toString() {
            return DimArithmetic.format(terms);
        }
    }

    record Unknown() implements Dim {
        @Override
        public String toString() {
            return "?";
        }
    }

    Unknown UNKNOWN = new Unknown();

    static Dim of(long size) {
        return new Fixed(size);
    }

    static Dim symbol(String name) {
        return name == null || name.isEmpty() ? UNKNOWN : new Symbolic(name);
    }

    default boolean isFixed() {
        return this instanceof Fixed;
    }

    /** The fixed size; callers check {@link #isFixed()} first. */
    default long size() {
        if (this instanceof Fixed f) {
            return f.size();
        }
        throw new IllegalStateException("dimension " + this + " is not fixed");
    }
}
