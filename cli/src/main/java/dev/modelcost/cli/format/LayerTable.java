package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.ParameterUse;
import dev.modelcost.core.report.Report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The rows every layer table prints (text, Markdown, CSV, HTML): the model inputs, the layers (all of them, their
 * {@code --depth N} module groups, or the {@code --top N} largest in schedule order plus one "other" row holding
 * the rest), and the totals taken from the report's summaries, never re-added here, so that a reader (or the golden
 * tests) can check that the rows cross-foot to the totals, role by role.
 */
public final class LayerTable {

    /**
     * One printed row. {@code byRole}: the parameters counted at this row (each tensor at the first row that uses
     * it); {@code sharedByRole}: those it uses that another row counts. {@code activationsComplete} false: some output
     * shape is unknown, the figure is a lower bound (0: nothing known). {@code macs} is null when unknown, a lower
     * bound when {@code macsLowerBound} (a row of several layers, some unknown). {@code layers}: how many layers it
     * holds (0 for a model input).
     */
    public record Row(
            String name,
            String op,
            String shape,
            String dtype,
            long activationElements,
            boolean activationsComplete,
            Map<TensorRole, Long> byRole,
            Map<TensorRole, Long> sharedByRole,
            Long macs,
            boolean macsLowerBound,
            int layers) {
        public Row {
            byRole = copy(byRole);
            sharedByRole = copy(sharedByRole);
        }

        private static Map<TensorRole, Long> copy(Map<TensorRole, Long> m) {
            Map<TensorRole, Long> c = new EnumMap<>(TensorRole.class);
            c.putAll(m);
            return Collections.unmodifiableMap(c);
        }

        /** Parameters counted at this row. */
        public long parameters() {
            return byRole.values().stream().mapToLong(Long::longValue).sum();
        }

        public long role(TensorRole r) {
            return byRole.getOrDefault(r, 0L);
        }

        public long sharedParameters() {
            return sharedByRole.values().stream().mapToLong(Long::longValue).sum();
        }

        public long sharedRole(TensorRole r) {
            return sharedByRole.getOrDefault(r, 0L);
        }

        public long weights() {
            return role(TensorRole.WEIGHT);
        }

        public long biases() {
            return role(TensorRole.BIAS);
        }

        /** The same sums with no output shape or dtype (a row of layers from anywhere in the model). */
        Row withoutOutput() {
            return new Row(
                    name,
                    op,
                    "",
                    "",
                    activationElements,
                    activationsComplete,
                    byRole,
                    sharedByRole,
                    macs,
                    macsLowerBound,
                    layers);
        }

        public boolean isInput() {
            return layers == 0;
        }

        /**
         * The row of one or several layers: their sums; a tensor is counted here when one of them counts it and
         * shared when all of them share it (another row counts it), once either way; the output is the last layer's.
         */
        public static Row of(String name, String op, List<LayerRow> members) {
            Map<TensorRole, Long> counted = new EnumMap<>(TensorRole.class);
            Map<TensorRole, Long> shared = new EnumMap<>(TensorRole.class);
            Set<String> countedHere = new HashSet<>();
            members.forEach(l ->
                    l.parameterUses().stream().filter(ParameterUse::counted).forEach(u -> countedHere.add(u.tensor())));
            Set<String> seen = new HashSet<>();
            long act = 0;
            boolean actComplete = true;
            long macs = 0;
            int unknownMacs = 0;
            for (LayerRow l : members) {
                for (ParameterUse u : l.parameterUses()) {
                    if (seen.add(u.tensor()) && (u.counted() || !countedHere.contains(u.tensor()))) {
                        (u.counted() ? counted : shared).merge(u.role(), u.elements(), Math::addExact);
                    }
                }
                act = Math.addExact(act, l.activationElements());
                actComplete &= l.activationsComplete();
                if (l.macs() == null) {
                    unknownMacs++;
                } else {
                    macs = Math.addExact(macs, l.macs());
                }
            }
            LayerRow last = members.get(members.size() - 1);
            boolean allUnknown = unknownMacs == members.size();
            return new Row(
                    name,
                    op,
                    last.output().shape().toString(),
                    last.output().dtype().shortName(),
                    act,
                    actComplete,
                    counted,
                    shared,
                    allUnknown ? null : macs,
                    !allUnknown && unknownMacs > 0,
                    members.size());
        }
    }

    private final List<Row> rows;
    private final Row total;
    private final int hiddenRows;
    private final boolean grouped;

    private LayerTable(List<Row> rows, Row total, int hiddenRows, boolean grouped) {
        this.rows = List.copyOf(rows);
        this.total = total;
        this.hiddenRows = hiddenRows;
        this.grouped = grouped;
    }

    /** The column headings of a layer table: the role columns are those the model's parameters have. */
    static List<String> headers(List<TensorRole> roles) {
        List<String> headers =
                new ArrayList<>(List.of("Layer", "Op", "Output shape", "Activations", "Act %", "Params", "Params %"));
        roles.forEach(role -> headers.add(RoleWords.of(role)));
        headers.addAll(List.of("MACs", "MACs %"));
        return headers;
    }

    public static LayerTable of(Report r, FormatOptions options) {
        List<Row> rows = new ArrayList<>();
        for (ValueInfo in : r.inputs()) {
            rows.add(input(in));
        }
        List<Row> units = new ArrayList<>();
        List<List<LayerRow>> members = new ArrayList<>();
        if (options.depth().isPresent()) {
            for (LayerGroups.Group g :
                    LayerGroups.of(r.layers(), options.depth().getAsInt(), options.allNodes())) {
                units.add(Row.of(g.name(), g.op(), g.layers()));
                members.add(g.layers());
            }
        } else {
            for (LayerRow l : r.layers()) {
                if (options.allNodes() || !l.noOp()) {
                    units.add(Row.of(l.name(), l.op(), List.of(l)));
                    members.add(List.of(l));
                }
            }
        }
        boolean[] shown = new boolean[units.size()];
        IntStream.range(0, units.size())
                .boxed()
                .sorted(Comparator.comparingLong((Integer i) -> key(units.get(i), options.topBy()))
                        .reversed()
                        .thenComparing(i -> i))
                .limit(Math.max(0, options.top().orElse(units.size())))
                .forEach(i -> shown[i] = true);
        // The "other" row: the rows the table does not show, summed, so that the shown rows still add up.
        List<LayerRow> hidden = new ArrayList<>();
        int hiddenRows = 0;
        for (int i = 0; i < units.size(); i++) {
            if (shown[i]) {
                rows.add(units.get(i));
            } else {
                hiddenRows++;
                hidden.addAll(members.get(i));
            }
        }
        if (hiddenRows > 0) {
            String what = options.depth().isPresent() ? " row" : " layer";
            rows.add(Row.of("(other " + hiddenRows + what + (hiddenRows == 1 ? ")" : "s)"), "", hidden)
                    .withoutOutput());
        }
        boolean grouped = options.depth().isPresent() && units.stream().anyMatch(u -> u.layers() > 1);
        return new LayerTable(rows, total(r), hiddenRows, grouped);
    }

    private static Row input(ValueInfo in) {
        return new Row(
                in.name(),
                "(input)",
                in.isTensor() ? in.type().shape().toString() : "",
                Shapes.dtypeText(in),
                in.elementsPerSample(),
                in.isTensor() && in.type().shape().isFullyKnown(),
                Map.of(),
                Map.of(),
                null,
                false,
                0);
    }

    /** The report's totals: the summaries' figures, the same the summary lines print. */
    private static Row total(Report r) {
        Map<TensorRole, Long> byRole = new EnumMap<>(TensorRole.class);
        RoleWords.ORDER.forEach(role -> byRole.put(role, r.parameters().role(role)));
        return new Row(
                "Total",
                "",
                "",
                "",
                r.activations().layerOutputElements(),
                r.activations().complete(),
                byRole,
                Map.of(),
                r.macs(),
                !r.macsComplete(),
                r.layers().size());
    }

    private static long key(Row row, FormatOptions.TopBy by) {
        return switch (by) {
            case params -> row.parameters();
            case macs -> row.macs() == null ? 0 : row.macs();
            case activations -> row.activationElements();
        };
    }

    /** Inputs, then layers (or groups) in schedule order, then the "other" row if any. */
    public List<Row> rows() {
        return rows;
    }

    /** True when some shown row uses parameters that another row counts (the tables then explain the mark). */
    public boolean anyShared() {
        return rows.stream().anyMatch(x -> x.sharedParameters() > 0);
    }

    /** The report's totals (activations include the model input). */
    public Row total() {
        return total;
    }

    /** True when --depth put several layers in one row somewhere. */
    public boolean grouped() {
        return grouped;
    }

    /** How many rows (layers, or groups with --depth) the "other" row holds (0: every one is shown). */
    public int hiddenLayers() {
        return hiddenRows;
    }
}
