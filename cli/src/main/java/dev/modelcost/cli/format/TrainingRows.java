package dev.modelcost.cli.format;

import dev.modelcost.core.report.TrainingSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training step as rows {what, bytes, note} for the table formats (Markdown, HTML), the same figures and words
 * the text report prints, so that --training shows in every format.
 */
final class TrainingRows {
    /** One row: what it is, its bytes (null for a heading row), and what it is made of. */
    record Row(String what, Long bytes, String note) {}

    private TrainingRows() {}

    static String heading(TrainingSummary t) {
        return String.format(
                Locale.ROOT,
                "Training step: optimizer %s (%d state slot%s per parameter), mixed precision %s, " + "batch %,d%s",
                t.optimizer(),
                t.optimizerSlots(),
                t.optimizerSlots() == 1 ? "" : "s",
                t.mixedPrecision(),
                t.batch(),
                t.complete() ? "" : " (lower bound: some shapes or dtypes unknown)");
    }

    static List<Row> of(TrainingSummary t) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("parameters", t.parametersBytes(), "every parameter in its working type"));
        if (!"off".equals(t.mixedPrecision())) {
            rows.add(new Row("master weights", t.masterWeightsBytes(), "fp32 copies of the trainable parameters"));
        }
        rows.add(new Row(
                "gradients",
                t.gradientsBytes(),
                String.format(Locale.ROOT, "one per trainable parameter, %,d of them", t.trainableParameters())));
        rows.add(new Row("optimizer state", t.optimizerStateBytes(), t.optimizerSlots() + " x trainable parameters"));
        rows.add(new Row(
                "saved activations",
                t.savedActivationsBytes(),
                String.format(
                        Locale.ROOT,
                        "%,d fixed + %,d x %,d per sample, kept from forward for backward",
                        t.savedActivations().fixedBytes(),
                        t.batch(),
                        t.savedActivations().perSampleBytes())));
        rows.add(new Row(
                "peak",
                t.peakBytes(),
                String.format(
                        Locale.ROOT,
                        "%,d fixed + %,d x %,d per sample, at %s",
                        t.peak().fixedBytes(),
                        t.batch(),
                        t.peak().perSampleBytes(),
                        TrainingSlots.describe(t.peakAt()))));
        rows.add(new Row("first step peak", t.firstStepPeakBytes(), "its optimizer state appears only at the update"));
        return rows;
    }
}
