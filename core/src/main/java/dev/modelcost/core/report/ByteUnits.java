package dev.modelcost.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal megabytes (10^6) and binary mebibytes (2^20), written side by side because people confuse them. */
public final class ByteUnits {
    public static final long MB = 1_000_000L;
    public static final long MIB = 1L << 20;

    private ByteUnits() { }

    public static String mb(long bytes) { return scaled(bytes, MB) + " MB"; }

    public static String mib(long bytes) { return scaled(bytes, MIB) + " MiB"; }

    /** "553.4 MB = 527.8 MiB". */
    public static String both(long bytes) { return mb(bytes) + " = " + mib(bytes); }

    private static String scaled(long bytes, long unit) {
        // Three significant digits at least: 553.4 MB, 60.95 MB, 0.0123 MB.
        int scale = bytes >= 100 * unit ? 1 : 2;
        BigDecimal v = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), scale, RoundingMode.HALF_EVEN);
        if (v.compareTo(BigDecimal.ZERO) == 0 && bytes != 0) {
            v = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), 4, RoundingMode.HALF_EVEN);
        }
        return v.toPlainString();
    }
}
