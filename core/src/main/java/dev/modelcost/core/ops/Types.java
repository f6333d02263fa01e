package dev.modelcost.core.ops;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;

import java.util.ArrayList;
import java.util.List;

/** Merging types that several paths may give one value (If branches, loop iterations, sequence elements). */
public final class Types {
    private Types() {}

    /** The type all of them share: equal dims stay, differing dims become unknown, differing ranks unknown rank. */
    public static TensorType common(List<TensorType> types) {
        if (types.isEmpty()) {
            return TensorType.UNKNOWN;
        }
        TensorType first = types.get(0);
        DType dtype = first.dtype();
        Shape shape = first.shape();
        for (TensorType t : types.subList(1, types.size())) {
            if (t.dtype() != dtype) {
                dtype = dtype == DType.UNKNOWN ? t.dtype() : t.dtype() == DType.UNKNOWN ? dtype : DType.UNKNOWN;
            }
            shape = common(shape, t.shape());
        }
        return new TensorType(dtype, shape);
    }

    public static Shape common(Shape a, Shape b) {
        if (!a.hasRank() || !b.hasRank() || a.rank() != b.rank()) {
            return Shape.UNKNOWN_RANK;
        }
        List<Dim> dims = new ArrayList<>(a.rank());
        for (int i = 0; i < a.rank(); i++) {
            dims.add(a.dim(i).equals(b.dim(i)) ? a.dim(i) : Dim.UNKNOWN);
        }
        return Shape.of(dims);
    }
}
