package dev.modelcost.core.ir;

import java.util.Arrays;

/**
 * The content of a small tensor, as integers, as doubles or as strings (exactly one of them). Used for
 * shape computation: shapes, axes, scales, and the few ops whose output size depends on data.
 */
public record ConstantValues(long[] longs, double[] doubles, String[] strings) {

    /** Tensors larger than this are never read; their values stay unknown. */
    public static final int MAX_ELEMENTS = 4096;

    public ConstantValues(long[] longs, double[] doubles) {
        this(longs, doubles, null);
    }

    public static ConstantValues ofLongs(long... v) {
        return new ConstantValues(v.clone(), null, null);
    }

    public static ConstantValues ofDoubles(double... v) {
        return new ConstantValues(null, v.clone(), null);
    }

    public static ConstantValues ofStrings(String... v) {
        return new ConstantValues(null, null, v.clone());
    }

    public boolean isInteger() {
        return longs != null;
    }

    public boolean isString() {
        return strings != null;
    }

    public int size() {
        return longs != null ? longs.length : doubles != null ? doubles.length : strings.length;
    }

    public long longAt(int i) {
        return longs != null ? longs[i] : (long) numbers()[i];
    }

    public double doubleAt(int i) {
        return longs != null ? longs[i] : numbers()[i];
    }

    public long[] asLongs() {
        if (longs != null) {
            return longs.clone();
        }
        double[] d = numbers();
        long[] out = new long[d.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }

    public double[] asDoubles() {
        if (doubles != null) {
            return doubles.clone();
        }
        long[] l = asLongs();
        double[] out = new double[l.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = l[i];
        }
        return out;
    }

    private double[] numbers() {
        if (doubles == null) {
            throw new IllegalStateException("string values used as numbers");
        }
        return doubles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstantValues c
                && Arrays.equals(longs, c.longs)
                && Arrays.equals(doubles, c.doubles)
                && Arrays.equals(strings, c.strings);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(longs) + Arrays.hashCode(doubles)) + Arrays.hashCode(strings);
    }

    @Override
    public String toString() {
        return longs != null
                ? Arrays.toString(longs)
                : doubles != null ? Arrays.toString(doubles) : Arrays.toString(strings);
    }
}
