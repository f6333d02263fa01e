package dev.modelcost.cli.format;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.report.Report;

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

    /**
     * What the printed shapes hold, where it is not one sample at batch 1: "; shapes for the batch of 8", or "; shapes
     * for one sample, figures scaled to the batch of 8" where the model's batch axis is not known.
     */
    static String shapes(Report r) {
        long samples = r.shapeSamples();
        long batch = r.assumptions().batch();
        if (samples == batch) {
            return samples == 1 ? "" : String.format(Locale.ROOT, "; shapes for the batch of %,d", samples);
        }
        return String.format(
                Locale.ROOT,
                "; shapes for %s, figures scaled to the batch of %,d",
                samples == 1 ? "one sample" : String.format(Locale.ROOT, "%,d samples", samples),
                batch);
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
