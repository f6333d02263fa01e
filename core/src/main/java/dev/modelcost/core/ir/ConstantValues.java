package dev.modelcost.core.ir;

import java.util.Arrays;

/** The content of a small tensor, as integers or as doubles (never both). Used for shape computation. */
public record ConstantValues(long[] longs, double[] doubles) {

    /** Tensors larger than this are never read; their values stay unknown. */
    public static final int MAX_ELEMENTS = 4096;

    public static ConstantValues ofLongs(long... v) { return new ConstantValues(v.clone(), null); }

    public static ConstantValues ofDoubles(double... v) { return new ConstantValues(null, v.clone()); }

    public boolean isInteger() { return longs != null; }

    public int size() { return longs != null ? longs.length : doubles.length; }

    public long longAt(int i) { return longs != null ? longs[i] : (long) doubles[i]; }

    public double doubleAt(int i) { return longs != null ? longs[i] : doubles[i]; }

    public long[] asLongs() {
        if (longs != null) {
            return longs.clone();
        }
        long[] out = new long[doubles.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) doubles[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstantValues c && Arrays.equals(longs, c.longs) && Arrays.equals(doubles, c.doubles);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(longs) + Arrays.hashCode(doubles); }

    @Override
    public String toString() { return longs != null ? Arrays.toString(longs) : Arrays.toString(doubles); }
}
