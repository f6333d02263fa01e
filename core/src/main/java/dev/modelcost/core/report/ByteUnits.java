package dev.modelcost.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Byte counts for people: decimal units (kB, MB, GB, TB: powers of 10^3) and binary units (KiB, MiB, GiB, TiB:
 * powers of 2^10) side by side, because people confuse them, each scaled so that three or four significant digits
 * show. {@link #mb} and {@link #mib} stay fixed to megabytes where the MB-vs-MiB comparison itself is the point.
 */
public final class ByteUnits {
    public static final long MB = 1_000_000L;
    public static final long MIB = 1L << 20;

    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteUnits() {}

    public static String mb(long bytes) {
        return fixed(bytes, MB) + " MB";
    }

    public static String mib(long bytes) {
        return fixed(bytes, MIB) + " MiB";
    }

    /** "553.4 MB = 527.8 MiB", "4.54 GB = 4.23 GiB", "12.48 kB = 12.18 KiB", "512 B". */
    public static String both(long bytes) {
        String decimal = scaled(bytes, 1000, DECIMAL);
        String binary = scaled(bytes, 1024, BINARY);
        return decimal.equals(binary) ? decimal : decimal + " = " + binary;
    }

    /** In the largest unit of {@code names} that leaves a value of at least 1; whole bytes stay whole. */
    static String scaled(long bytes, long base, String[] names) {
        if (Math.abs(bytes) < base) {
            return bytes + " B";
        }
        int power = 0;
        BigDecimal unit = BigDecimal.ONE;
        BigDecimal value = BigDecimal.valueOf(Math.abs(bytes));
        while (power + 1 < names.length && value.compareTo(unit.multiply(BigDecimal.valueOf(base))) >= 0) {
            unit = unit.multiply(BigDecimal.valueOf(base));
            power++;
        }
        BigDecimal v = BigDecimal.valueOf(bytes)
                .divide(unit, decimalsFor(value.divide(unit, 0, RoundingMode.DOWN)), RoundingMode.HALF_EVEN);
        return v.toPlainString() + " " + names[power];
    }

    /** 553.4, 60.95, 4.54: one decimal from 100 on, two below. */
    private static int decimalsFor(BigDecimal wholePart) {
        return wholePart.compareTo(BigDecimal.valueOf(100)) >= 0 ? 1 : 2;
    }

    private static String fixed(long bytes, long unit) {
        // Three significant digits at least: 553.4 MB, 60.95 MB, 0.0123 MB.
        int scale = Math.abs(bytes) >= 100 * unit ? 1 : 2;
        BigDecimal v = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), scale, RoundingMode.HALF_EVEN);
        if (v.compareTo(BigDecimal.ZERO) == 0 && bytes != 0) {
            v = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), 4, RoundingMode.HALF_EVEN);
        }
        return v.toPlainString();
    }
}
