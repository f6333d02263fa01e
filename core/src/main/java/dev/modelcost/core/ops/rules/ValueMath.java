package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Shape;

import java.util.List;
import java.util.Optional;

/**
 * Evaluation of small known tensors, for data propagation: exporters compute shapes, sizes and trip
 * counts with ordinary arithmetic ops, and the shapes downstream are only exact if that arithmetic is done.
 */
final class ValueMath {
    private ValueMath() {}

    interface LongOp {
        long apply(long[] args);
    }

    interface DoubleOp {
        double apply(double[] args);
    }

    /** Flat index into an input of shape {@code in} broadcast to {@code out} for output position {@code flat}. */
    static int sourceIndex(long[] out, long[] in, int flat) {
        int index = 0;
        int stride = 1;
        int rem = flat;
        for (int o = out.length - 1, i = in.length - 1; o >= 0; o--, i--) {
            int coord = (int) (rem % out[o]);
            rem /= (int) out[o];
            if (i >= 0) {
                if (in[i] != 1) {
                    index += coord * stride;
                }
                stride *= (int) in[i];
            }
        }
        return index;
    }

    /**
     * Applies an elementwise op over broadcast inputs whose values and shapes are all known; integer when
     * every input is integer and {@code longOp} exists, else floating point; empty when anything is missing.
     */
    static Optional<ConstantValues> broadcast(
            List<Optional<ConstantValues>> values, List<Shape> shapes, Shape out, LongOp longOp, DoubleOp doubleOp) {
        if (!out.isFullyKnown() || out.elementCount().getAsLong() > ConstantValues.MAX_ELEMENTS) {
            return Optional.empty();
        }
        boolean allInteger = true;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isEmpty()
                    || !shapes.get(i).isFullyKnown()
                    || values.get(i).get().isString()
                    || values.get(i).get().size()
                            != shapes.get(i).elementCount().getAsLong()) {
                return Optional.empty();
            }
            allInteger &= values.get(i).get().isInteger();
        }
        if (allInteger ? longOp == null : doubleOp == null) {
            if (doubleOp == null) {
                return Optional.empty();
            }
            allInteger = false;
        }
        long[] outSizes = out.sizes();
        int n = (int) out.elementCount().getAsLong();
        long[][] inSizes = new long[values.size()][];
        for (int i = 0; i < inSizes.length; i++) {
            inSizes[i] = shapes.get(i).sizes();
        }
        if (allInteger) {
            long[] result = new long[n];
            long[] args = new long[values.size()];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < args.length; i++) {
                    args[i] = values.get(i).get().longAt(sourceIndex(outSizes, inSizes[i], k));
                }
                result[k] = longOp.apply(args);
            }
            return Optional.of(ConstantValues.ofLongs(result));
        }
        double[] result = new double[n];
        double[] args = new double[values.size()];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < args.length; i++) {
                args[i] = values.get(i).get().doubleAt(sourceIndex(outSizes, inSizes[i], k));
            }
            result[k] = doubleOp.apply(args);
        }
        return Optional.of(ConstantValues.ofDoubles(result));
    }

    /** Values converted to the kind an element type holds: integers (truncating) or doubles. */
    static ConstantValues asKind(ConstantValues v, boolean integer) {
        if (v.isString()) {
            return v;
        }
        return integer ? ConstantValues.ofLongs(v.asLongs()) : ConstantValues.ofDoubles(v.asDoubles());
    }

    /** Row-major strides of a shape. */
    static long[] strides(long[] sizes) {
        long[] s = new long[sizes.length];
        long acc = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= sizes[i];
        }
        return s;
    }
}
