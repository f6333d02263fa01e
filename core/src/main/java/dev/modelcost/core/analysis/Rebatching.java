package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks a re-batched file batch ({@code --batch M} on a file that fixes batch N on its inputs and outputs): the
 * outputs must come out with M on the same axis. Where one does not, the export folded N into a size elsewhere (a
 * Reshape target [1, -1] traced from {@code x.view(1, -1)}), and those nodes are named. A folded batch 1 is not
 * re-batched at all: the shapes are inferred for one sample again and the figures scaled by the batch, so no
 * figure is computed from a shape that mixes M and 1. A folded batch of 2 or more is only named: the shapes the
 * analyses read then hold that many samples, which the figures must be divided by.
 */
final class Rebatching {
    private static final Set<String> SHAPE_TAKING_OPS = Set.of("Reshape", "Expand");

    /** The graph, shape batch and types the analyses go on with. */
    record Outcome(Graph graph, ShapeBatch batch, InferredTypes types) {}

    private Rebatching() {}

    static Outcome check(
            Graph g,
            ShapeBatch batch,
            InferredTypes types,
            Assumptions a,
            OpRegistry registry,
            List<Diagnostic> diagnostics) {
        if (!batch.rebatches()) {
            return new Outcome(g, batch, types);
        }
        List<String> stuck = outputsKeepingTheFilesBatch(g, types, batch);
        Optional<String> notScaling = stuck.isEmpty()
                ? firstValueNotScaling(
                        g, types, ShapeInference.run(g, a.withSamples(batch.storedSamples()), registry), batch)
                : Optional.empty();
        if (stuck.isEmpty() && notScaling.isEmpty()) {
            if (batch.storedSamples() == 1) {
                diagnostics.add(Diagnostic.info("the file fixes batch 1; --batch " + a.batch()
                        + " re-batches its batch axis: shapes are for the batch of " + a.batch()
                        + ", figures per sample and for the batch"));
            }
            return new Outcome(g, batch, types);
        }
        List<String> folded = foldingNodes(g, types, batch);
        String why = notScaling.isPresent()
                ? notScaling.get()
                        + " does not grow with the batch (a size the export fixed, such as heads x batch in a "
                        + "Reshape target, does not follow it)"
                : "output(s) " + stuck + " keep the file's batch " + batch.storedSamples()
                        + (folded.isEmpty()
                                ? " (a size the export fixed elsewhere does not follow the batch)"
                                : " (" + String.join(", ", folded) + " fold(s) it into a fixed target shape)");
        if (batch.storedSamples() > 1) {
            diagnostics.add(Diagnostic.warning("--batch " + a.batch() + " re-batches the inputs, but " + why
                    + ": shapes and figures from there on are not for the batch of " + a.batch()));
            return new Outcome(g, batch, types);
        }
        diagnostics.add(Diagnostic.warning("--batch " + a.batch() + " does not re-batch the shapes: " + why
                + "; shapes are shown for one sample, figures per sample and scaled to the batch of " + a.batch()));
        Graph unmarked = unmarked(g);
        return new Outcome(unmarked, ShapeBatch.NONE, ShapeInference.run(unmarked, a, registry));
    }

    /**
     * The first value computed from the data whose size at the new batch is not the new batch's share of its size at
     * the file's batch ({@code n × stored = m × shapeSamples} elements), or that is known at the file's batch only: a
     * batch folded into a fixed size inside the graph (attention heads × batch), which the outputs alone do not show.
     */
    private static Optional<String> firstValueNotScaling(
            Graph g, InferredTypes rebatched, InferredTypes stored, ShapeBatch batch) {
        Set<String> fromData = new HashSet<>();
        g.dataInputs().forEach(v -> fromData.add(v.name()));
        for (Node n : rebatched.schedule().all()) {
            if (n.inputs().stream().noneMatch(fromData::contains)) {
                continue;
            }
            for (String out : n.outputs()) {
                fromData.add(out);
                OptionalLong now = rebatched.typeOf(out).shape().elementCount();
                OptionalLong before = stored.typeOf(out).shape().elementCount();
                if (out.isEmpty() || rebatched.valuesOf(out).isPresent() || before.isEmpty()) {
                    continue;
                }
                // known at the file's batch but not at the new one: a fixed size that no longer fits
                if (now.isEmpty()
                        || now.getAsLong() * batch.storedSamples() != before.getAsLong() * batch.shapeSamples()) {
                    return Optional.of("the output of node '" + n.label() + "' (" + n.opType() + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** Declared outputs that lead with the file's batch and were inferred with another leading size. */
    private static List<String> outputsKeepingTheFilesBatch(Graph g, InferredTypes types, ShapeBatch batch) {
        List<String> out = new ArrayList<>();
        for (ValueInfo v : g.outputs()) {
            if (leading(v.type().shape()) == batch.storedSamples()
                    && leading(types.typeOf(v.name()).shape()) != batch.shapeSamples()) {
                out.add(v.name());
            }
        }
        return out;
    }

    /** Reshape/Expand nodes whose known target leads with the file's batch while their input leads with the new one. */
    private static List<String> foldingNodes(Graph g, InferredTypes types, ShapeBatch batch) {
        List<String> out = new ArrayList<>();
        for (Node n : types.schedule().all()) {
            if (!n.domain().isEmpty()
                    || !SHAPE_TAKING_OPS.contains(n.opType())
                    || n.inputs().size() < 2) {
                continue;
            }
            Optional<ConstantValues> target = types.valuesOf(n.input(1));
            if (target.isPresent()
                    && target.get().size() > 0
                    && !target.get().isString()
                    && target.get().longAt(0) == batch.storedSamples()
                    && leading(types.typeOf(n.input(0)).shape()) == batch.shapeSamples()) {
                out.add("node '" + n.label() + "' (" + n.opType() + ")");
            }
        }
        return out;
    }

    /** The fixed leading size of a shape of rank ≥ 2, or -1. */
    private static long leading(Shape s) {
        if (!s.hasRank() || s.rank() < 2) {
            return -1;
        }
        Dim d = s.dim(0);
        return d.isFixed() ? d.size() : -1;
    }

    private static Graph unmarked(Graph g) {
        List<ValueInfo> inputs =
                g.inputs().stream().map(v -> v.withBatchAxis(-1)).toList();
        return new Graph(g.name(), g.nodes(), inputs, g.outputs(), g.tensors(), g.declaredValues(), g.opsets());
    }
}
