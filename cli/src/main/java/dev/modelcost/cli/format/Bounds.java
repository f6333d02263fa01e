package dev.modelcost.cli.format;

import java.util.Locale;

/** How every format words a figure that may be a lower bound: "1,234", "≥ 1,234", or "unknown" for a bound of 0. */
final class Bounds {
    private Bounds() {}

    static String of(boolean complete, long value, String atLeast) {
        if (complete) {
            return String.format(Locale.ROOT, "%,d", value);
        }
        return value == 0 ? "unknown" : atLeast + String.format(Locale.ROOT, "%,d", value);
    }
}
