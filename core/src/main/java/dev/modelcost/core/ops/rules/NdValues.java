package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Shape;

import java.util.Optional;

/**
 * Known values of a small N-D tensor rearranged element by element (Slice with any steps, Transpose): exporters build
 * pads and shapes from constants through 2-D Slice and Transpose (PyTorch's F.pad), so folding them keeps those
 * values known. Only for fully known shapes within {@link ConstantValues#MAX_ELEMENTS}.
 */
final class NdValues {
    /** Sets {@code in}, the input coordinates, for the output coordinates {@code out}. */
    interface Source {
        void of(long[] out, long[] in);
    }

    private NdValues() {}

    static Optional<ConstantValues> rearrange(ConstantValues values, Shape inShape, Shape outShape, Source source) {
        if (values.isString()
                || !inShape.isFullyKnown()
                || !outShape.isFullyKnown()
                || outShape.elementCount().getAsLong() > ConstantValues.MAX_ELEMENTS
                || values.size() != inShape.elementCount().getAsLong()) {
            return Optional.empty();
        }
        long[] inDims = inShape.sizes();
        long[] outDims = outShape.sizes();
        int n = (int) outShape.elementCount().getAsLong();
        long[] o = new long[outDims.length];
        long[] i = new long[inDims.length];
        long[] longs = values.isInteger() ? new long[n] : null;
        double[] doubles = values.isInteger() ? null : new double[n];
        for (int k = 0; k < n; k++) {
            long rest = k;
            for (int a = outDims.length - 1; a >= 0; a--) {
                o[a] = rest % outDims[a];
                rest /= outDims[a];
            }
            source.of(o, i);
            long flat = 0;
            for (int a = 0; a < inDims.length; a++) {
                if (i[a] < 0 || i[a] >= inDims[a]) {
                    return Optional.empty();
                }
                flat = flat * inDims[a] + i[a];
            }
            if (longs != null) {
                longs[k] = values.longAt((int) flat);
            } else {
                doubles[k] = values.doubleAt((int) flat);
            }
        }
        return Optional.of(longs != null ? ConstantValues.ofLongs(longs) : ConstantValues.ofDoubles(doubles));
    }
}
