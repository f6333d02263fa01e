package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.BatchScaledBytes;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.TrainingSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The samples the inferred shapes hold: a batch the file fixes on a marked input axis ({@link ValueInfo#fileBatch()},
 * e.g. {@code [10, 1, 28, 28]}), or a symbolic batch axis with {@code --batch M}. Shapes are inferred for
 * {@code shapeSamples} samples at once: the file's batch, or {@code --batch M}, which re-batches the marked axes and
 * sets the symbolic ones. Every figure computed from those shapes is for that many samples, so per-sample figures are
 * divided by it and the figures "for the batch" are taken as computed.
 *
 * @param storedSamples the batch the file fixes, or 0 where it fixes none
 * @param shapeSamples  the samples the inferred shapes hold (1 where the file fixes no batch)
 */
record ShapeBatch(long storedSamples, long shapeSamples) {
    static final ShapeBatch NONE = new ShapeBatch(0, 1);

    /** The file's batch from its marked inputs; inputs that disagree are named and the first one is used. */
    static ShapeBatch of(Graph g, Assumptions a, List<Diagnostic> diagnostics) {
        long stored = 0;
        for (ValueInfo in : g.dataInputs()) {
            OptionalLong b = in.fileBatch();
            if (b.isEmpty()) {
                continue;
            }
            if (stored == 0) {
                stored = b.getAsLong();
            } else if (stored != b.getAsLong()) {
                diagnostics.add(Diagnostic.warning("input '" + in.name() + "' fixes batch " + b.getAsLong()
                        + " where another input fixes " + stored + ": batch " + stored + " is used"));
            }
        }
        if (stored == 0) {
            return hasSymbolicBatch(g, a) && a.batch() > 1 ? new ShapeBatch(0, a.batch()) : NONE;
        }
        if (stored == 1) {
            // Batch 1 is per sample already: only a larger --batch changes the shapes.
            if (a.batch() == 1) {
                return NONE;
            }
            return new ShapeBatch(1, a.batch()); // Rebatching says so once it knows the shapes follow
        }
        long samples = a.batchGiven() ? a.batch() : stored;
        diagnostics.add(Diagnostic.info(
                a.batchGiven() && a.batch() != stored
                        ? "the file fixes batch " + stored + "; --batch " + a.batch()
                                + " re-batches its batch axis (a size the file "
                                + "fixes elsewhere, such as a constant Reshape target, may not follow: see the warnings)"
                        : "the file fixes batch " + stored + ": figures are for that batch, per sample divided by "
                                + stored));
        return new ShapeBatch(stored, samples);
    }

    /** True when a data input's batch axis (the marked one, else a leading one of rank ≥ 2) is symbolic and no --dim fixes it. */
    private static boolean hasSymbolicBatch(Graph g, Assumptions a) {
        for (ValueInfo in : g.dataInputs()) {
            Shape s = in.type().shape();
            int axis = Math.max(in.batchAxis(), 0);
            if (!s.hasRank()
                    || s.rank() <= axis
                    || in.batchAxis() < 0 && (s.rank() < 2 || !BatchDimension.leadingAxisIsBatch(g, in))) {
                continue;
            }
            Dim d = s.dim(axis);
            if (!d.isFixed() && !(d instanceof Dim.Symbolic sym && a.dimValues().containsKey(sym.name()))) {
                return true;
            }
        }
        return false;
    }

    /** True when the shapes are inferred for another batch than the one the file fixes. */
    boolean rebatches() {
        return storedSamples > 0 && shapeSamples != storedSamples;
    }

    /**
     * The data inputs with their inferred types, each with the axis that holds the shapes' samples marked (the file's
     * batch axis, else the one a batch symbol or an unnamed leading batch axis took), so that a report's input row is
     * per sample however many samples its shape holds.
     */
    List<ValueInfo> inputsAsInferred(Graph g, InferredTypes types, Assumptions a) {
        Set<String> batchSymbols = ShapeInference.batchSymbols(g, a);
        List<ValueInfo> out = new ArrayList<>();
        for (ValueInfo in : g.dataInputs()) {
            ValueInfo v = in.withType(types.typeOf(in.name()));
            Shape declared = in.type().shape();
            if (shapeSamples > 1 && in.batchAxis() < 0 && declared.hasRank()) {
                for (int i = 0; i < declared.rank(); i++) {
                    Dim d = declared.dim(i);
                    boolean unnamedBatch = i == 0
                            && d instanceof Dim.Unknown
                            && declared.rank() > 1
                            && BatchDimension.leadingAxisIsBatch(g, in);
                    if (d instanceof Dim.Symbolic sym && batchSymbols.contains(sym.name()) || unnamedBatch) {
                        v = v.withBatchAxis(i);
                        break;
                    }
                }
            }
            out.add(v);
        }
        return out;
    }

    /** The assumptions with the batch the shapes hold. */
    Assumptions resolve(Assumptions a) {
        if (storedSamples == 0 || a.batchGiven()) {
            return a;
        }
        return a.withSamples(storedSamples);
    }

    /** The assumptions the analyses run under: one "sample" of theirs is {@code shapeSamples} samples. */
    Assumptions perShapes(Assumptions a) {
        return shapeSamples == 1 ? a : a.withSamples(1);
    }

    long perSample(long figureForShapes) {
        return figureForShapes / shapeSamples;
    }

    /** Bytes computed for {@code shapeSamples} samples as one "sample", restated per real sample. */
    BatchScaledBytes perSample(BatchScaledBytes forShapes) {
        return new BatchScaledBytes(forShapes.fixedBytes(), perSample(forShapes.perSampleBytes()));
    }

    /** Activation figures computed for {@code shapeSamples} samples as "one", restated per sample and for the batch. */
    ActivationSummary rescale(ActivationSummary s) {
        if (shapeSamples == 1) {
            return s;
        }
        BatchScaledBytes peak = perSample(s.peakLive());
        return new ActivationSummary(
                shapeSamples,
                perSample(s.layerOutputElements()),
                perSample(s.layerOutputBytes()),
                peak.atBatch(1),
                peak,
                s.peakStep(),
                s.peakAfterNode(),
                s.complete(),
                s.peakLiveBytesBeyondInputs(),
                s.liveBytesPerStep(),
                s.runtime());
    }

    /** Training figures computed for {@code shapeSamples} samples as "one", restated per sample and for the batch. */
    TrainingSummary rescale(TrainingSummary t) {
        if (t == null || shapeSamples == 1) {
            return t;
        }
        return new TrainingSummary(
                t.optimizer(),
                t.optimizerSlots(),
                t.mixedPrecision(),
                shapeSamples,
                t.trainableParameters(),
                t.parametersBytes(),
                t.masterWeightsBytes(),
                t.gradientsBytes(),
                t.optimizerStateBytes(),
                perSample(t.savedActivations()),
                perSample(t.peak()),
                t.peakAt(),
                t.firstStepPeakBytes(),
                t.complete(),
                t.runtime());
    }
}
