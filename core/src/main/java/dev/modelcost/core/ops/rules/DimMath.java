package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.DimArithmetic;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.OptionalLong;

/** Arithmetic on dimensions: exact on fixed sizes and symbol polynomials, unknown otherwise. */
final class DimMath {
    private DimMath() {}

    static Dim mul(Dim a, Dim b) {
        return DimArithmetic.mul(a, b);
    }

    static Dim add(Dim a, Dim b) {
        return DimArithmetic.add(a, b);
    }

    /** Product of dims [from, to), or unknown. */
    static Dim product(Shape s, int from, int to) {
        Dim p = Dim.of(1);
        for (int i = from; i < to; i++) {
            p = mul(p, s.dim(i));
        }
        return p;
    }

    static OptionalLong fixed(Dim d) {
        return d.isFixed() ? OptionalLong.of(d.size()) : OptionalLong.empty();
    }

    /** Normalises a possibly negative axis against a rank. */
    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw new RuleCannotTell("axis " + axis + " out of range for rank " + rank);
        }
        return (int) a;
    }
}
