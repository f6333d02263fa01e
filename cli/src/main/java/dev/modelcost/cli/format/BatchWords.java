package dev.modelcost.cli.format;

import dev.modelcost.core.analysis.Assumptions;

import java.util.Locale;

/** How the formats word the batch a report was computed for and where it came from. */
final class BatchWords {
    private BatchWords() {}

    /** "option" (--batch), "file" (a batch the file fixes) or "default" (1). */
    static String source(Assumptions a) {
        if (a.batchGiven()) {
            return "option";
        }
        return a.batch() > 1 ? "file" : "default";
    }

    /** "4", or "10 (fixed in the file)". */
    static String batch(Assumptions a) {
        return String.format(Locale.ROOT, "%,d", a.batch()) + ("file".equals(source(a)) ? " (fixed in the file)" : "");
    }

    /** ", 11,352,320 for the batch of 4", or nothing at batch 1. */
    static String forTheBatch(Assumptions a, long perSample) {
        if (a.batch() == 1) {
            return "";
        }
        return String.format(
                Locale.ROOT, ", %,d for the batch of %,d", Math.multiplyExact(perSample, a.batch()), a.batch());
    }
}
