package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The rows every layer table prints (text, Markdown, CSV, HTML): the model inputs, the layers (all of them,
 * or the {@code --top N} largest in schedule order plus one "other" row holding the rest), and the totals
 * taken from the report's summaries, never re-added here, so that a reader (or the golden tests) can check
 * that the rows cross-foot to the totals.
 */
public final class LayerTable {

    /** One printed row; {@code macs} is null when unknown, {@code macsLowerBound} when an "other" row hides an unknown. */
    public record Row(
            String name,
            String op,
            String shape,
            String dtype,
            long activationElements,
            long weights,
            long biases,
            long otherParameters,
            Long macs,
            boolean macsLowerBound,
            long sharedParameters) {
        public long parameters() {
            return weights + biases + otherParameters;
        }
    }

    private final List<Row> rows;
    private final Row total;
    private final int hiddenLayers;

    private LayerTable(List<Row> rows, Row total, int hiddenLayers) {
        this.rows = List.copyOf(rows);
        this.total = total;
        this.hiddenLayers = hiddenLayers;
    }

    public static LayerTable of(Report r, FormatOptions options) {
        List<Row> rows = new ArrayList<>();
        for (ValueInfo in : r.inputs()) {
            rows.add(new Row(
                    in.name(),
                    "(input)",
                    in.isTensor() ? in.type().shape().toString() : "",
                    Shapes.dtypeText(in),
                    in.elementsPerSample(),
                    0,
                    0,
                    0,
                    null,
                    false,
                    0));
        }
        List<LayerRow> layers = options.allNodes()
                ? r.layers()
                : r.layers().stream().filter(l -> !l.noOp()).toList();
        boolean[] shown = new boolean[layers.size()];
        int top = options.top().orElse(layers.size());
        IntStream.range(0, layers.size())
                .boxed()
                .sorted(Comparator.comparingLong((Integer i) -> key(layers.get(i), options.topBy()))
                        .reversed()
                        .thenComparing(i -> i))
                .limit(Math.max(0, top))
                .forEach(i -> shown[i] = true);
        int hidden = 0;
        long act = 0, weights = 0, biases = 0, other = 0, macs = 0;
        boolean macsUnknown = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerRow l = layers.get(i);
            if (shown[i]) {
                rows.add(row(l));
                continue;
            }
            // The "other" row: a sum of rows the table does not show, so that the shown rows still add up.
            hidden++;
            act += l.activationElements();
            weights += l.weights();
            biases += l.biases();
            other += l.parameters() - l.weights() - l.biases();
            if (l.macs() == null) {
                macsUnknown = true;
            } else {
                macs += l.macs();
            }
        }
        if (hidden > 0) {
            rows.add(new Row(
                    "(other " + hidden + (hidden == 1 ? " layer)" : " layers)"),
                    "",
                    "",
                    "",
                    act,
                    weights,
                    biases,
                    other,
                    macs,
                    macsUnknown,
                    0));
        }
        long w = r.parameters().role(TensorRole.WEIGHT);
        long b = r.parameters().role(TensorRole.BIAS);
        Row total = new Row(
                "Total",
                "",
                "",
                "",
                r.activations().layerOutputElements(),
                w,
                b,
                r.parameters().total() - w - b,
                r.macs(),
                !r.macsComplete(),
                0);
        return new LayerTable(rows, total, hidden);
    }

    private static Row row(LayerRow l) {
        return new Row(
                l.name(),
                l.op(),
                LayerRow.STORED_OP.equals(l.op()) && !l.output().shape().hasRank()
                        ? "" // several stored tensors: no one shape
                        : l.output().shape().toString(),
                l.output().dtype().shortName(),
                l.activationElements(),
                l.weights(),
                l.biases(),
                l.parameters() - l.weights() - l.biases(),
                l.macs(),
                false,
                l.sharedParameters());
    }

    private static long key(LayerRow l, FormatOptions.TopBy by) {
        return switch (by) {
            case params -> l.parameters();
            case macs -> l.macs() == null ? 0 : l.macs();
            case activations -> l.activationElements();
        };
    }

    /** Inputs, then layers in schedule order, then the "other" row if any. */
    public List<Row> rows() {
        return rows;
    }

    /** True when some shown row uses parameters that an earlier row counts (the tables then show a Shared column). */
    public boolean anyShared() {
        return rows.stream().anyMatch(x -> x.sharedParameters() > 0);
    }

    /** The report's totals (activations include the model input). */
    public Row total() {
        return total;
    }

    /** How many layers the "other" row holds (0: every layer is shown). */
    public int hiddenLayers() {
        return hiddenLayers;
    }
}
