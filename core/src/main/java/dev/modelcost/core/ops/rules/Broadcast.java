package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;

/** Numpy-style multidirectional broadcasting of shapes. */
final class Broadcast {
    private Broadcast() {}

    static Shape shapes(List<Shape> shapes) {
        int rank = 0;
        for (Shape s : shapes) {
            if (!s.hasRank()) {
                return Shape.UNKNOWN_RANK;
            }
            rank = Math.max(rank, s.rank());
        }
        List<Dim> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            Dim result = Dim.of(1);
            for (Shape s : shapes) {
                int j = i - (rank - s.rank());
                if (j >= 0) {
                    result = merge(result, s.dim(j));
                }
            }
            out.add(result);
        }
        return Shape.of(out);
    }

    private static Dim merge(Dim a, Dim b) {
        if (a.isFixed() && a.size() == 1) {
            return b;
        }
        if (b.isFixed() && b.size() == 1) {
            return a;
        }
        if (a.isFixed() && b.isFixed()) {
            if (a.size() != b.size()) {
                throw new RuleCannotTell("cannot broadcast " + a + " with " + b);
            }
            return a;
        }
        if (a.isFixed()) {
            return a;
        }
        if (b.isFixed()) {
            return b;
        }
        return a.equals(b) ? a : Dim.UNKNOWN;
    }
}
