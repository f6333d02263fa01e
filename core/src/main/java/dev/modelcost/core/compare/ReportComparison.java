package dev.modelcost.core.compare;

import dev.modelcost.core.compare.Comparison.Line;
import dev.modelcost.core.compare.Comparison.OpCount;
import dev.modelcost.core.compare.Comparison.Part;
import dev.modelcost.core.compare.Comparison.Section;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two reports computed under the same assumptions: the quantities side by side, with the finer figures
 * that account for a difference (parameter roles and element types, op counts, ledger categories, matched layers).
 * Pure: reads the reports, writes a new {@link Comparison}; the CLI words what the differences mean.
 */
public final class ReportComparison {
    private ReportComparison() {}

    public static Comparison of(Report a, Report b) {
        List<Line> lines = new ArrayList<>();
        parameters(a, b, lines);
        lines.add(new Line(
                Section.COMPUTE, "MACs per sample", "MACs", a.macs(), b.macs(), !a.macsComplete(), !b.macsComplete()));
        boolean ai = !a.activations().complete();
        boolean bi = !b.activations().complete();
        lines.add(new Line(
                Section.ACTIVATIONS,
                "activation elements per sample",
                "elements",
                a.activations().layerOutputElements(),
                b.activations().layerOutputElements(),
                ai,
                bi));
        lines.add(new Line(
                Section.ACTIVATIONS,
                "activation bytes per sample",
                "bytes",
                a.activations().layerOutputBytes(),
                b.activations().layerOutputBytes(),
                ai,
                bi));
        lines.add(new Line(
                Section.ACTIVATIONS,
                "peak live activation bytes, batch " + a.activations().batch(),
                "bytes",
                a.activations().peakLiveBytes(),
                b.activations().peakLiveBytes(),
                ai,
                bi));
        List<OpCount> ops = opCounts(a, b);
        lines.add(new Line(Section.GRAPH, "nodes", "nodes", nodes(a), nodes(b), false, false));
        ops.forEach(c -> lines.add(new Line(Section.GRAPH, c.op() + " nodes", "nodes", c.a(), c.b(), false, false)));
        file(a, b, lines);
        return new Comparison(a, b, lines, ops, layers(a, b));
    }

    private static void parameters(Report a, Report b, List<Line> lines) {
        ParameterSummary pa = a.parameters();
        ParameterSummary pb = b.parameters();
        lines.add(new Line(Section.PARAMETERS, "parameters", "elements", pa.total(), pb.total(), false, false));
        for (TensorRole r : TensorRole.values()) {
            if (r.isParameter()) {
                lines.add(new Line(
                        Section.PARAMETERS,
                        Part.BY_ROLE,
                        r.jsonName(),
                        "elements",
                        pa.role(r),
                        pb.role(r),
                        false,
                        false));
            }
        }
        lines.add(new Line(Section.PARAMETERS, "trainable", "elements", pa.trainable(), pb.trainable(), false, false));
        lines.add(new Line(
                Section.PARAMETERS, "non-trainable", "elements", pa.nonTrainable(), pb.nonTrainable(), false, false));
        TreeSet<DType> dtypes = new TreeSet<>(pa.elementsByDType().keySet());
        dtypes.addAll(pb.elementsByDType().keySet());
        for (DType d : dtypes) {
            lines.add(new Line(
                    Section.PARAMETERS,
                    Part.BY_DTYPE,
                    "stored as " + d.shortName(),
                    "elements",
                    pa.elementsByDType().getOrDefault(d, 0L),
                    pb.elementsByDType().getOrDefault(d, 0L),
                    false,
                    false));
        }
        lines.add(new Line(
                Section.PARAMETERS,
                "parameter bytes as stored",
                "bytes",
                pa.logicalBytes(),
                pb.logicalBytes(),
                false,
                false));
        lines.add(new Line(
                Section.PARAMETERS,
                "constant elements (not parameters)",
                "elements",
                pa.constantElements(),
                pb.constantElements(),
                false,
                false));
    }

    private static void file(Report a, Report b, List<Line> lines) {
        lines.add(new Line(Section.FILE, "file bytes (with external data)", "bytes", total(a), total(b), false, false));
        for (LedgerCategory c : LedgerCategory.values()) {
            long x = a.ledger().bytesIn(c);
            long y = b.ledger().bytesIn(c);
            if (x != 0 || y != 0) {
                lines.add(new Line(Section.FILE, Part.BY_CATEGORY, c.jsonName(), "bytes", x, y, false, false));
            }
        }
        lines.add(new Line(
                Section.FILE,
                Part.BY_CATEGORY,
                "unexplained",
                "bytes",
                a.ledger().unexplainedBytes(),
                b.ledger().unexplainedBytes(),
                false,
                false));
    }

    /**
     * Layers matched by name (an export of the same model keeps them): which exist on one side only, and the
     * matched layers whose parameters or MACs changed. When no name matches (e.g. ONNX vs Keras), the layers with
     * parameters are matched by schedule position instead ({@link LayerAlignment}).
     */
    private static LayerMatch layers(Report a, Report b) {
        Map<String, LayerRow> inB = new LinkedHashMap<>();
        b.layers().forEach(l -> inB.putIfAbsent(l.name(), l));
        List<String> onlyA = new ArrayList<>();
        List<LayerMatch.ChangedPair> changed = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (LayerRow x : a.layers()) {
            LayerRow y = inB.get(x.name());
            if (y == null) {
                onlyA.add(x.name());
                continue;
            }
            matched.add(x.name());
            long dp = y.parameters() - x.parameters();
            long dm = (y.macs() == null ? 0 : y.macs()) - (x.macs() == null ? 0 : x.macs());
            if (dp != 0 || dm != 0) {
                changed.add(new LayerMatch.ChangedPair(x.name(), y.name(), dp, dm));
            }
        }
        if (matched.isEmpty()) {
            return LayerAlignment.byPosition(a.layers(), b.layers());
        }
        List<String> onlyB = b.layers().stream()
                .map(LayerRow::name)
                .filter(nm -> !matched.contains(nm))
                .distinct()
                .toList();
        if (onlyA.isEmpty() && onlyB.isEmpty() && changed.isEmpty()) {
            return new LayerMatch.NothingToSay();
        }
        changed.sort((p, q) -> Long.compare(
                Math.abs(q.parameterDelta()) + Math.abs(q.macDelta()),
                Math.abs(p.parameterDelta()) + Math.abs(p.macDelta())));
        return new LayerMatch.ByName(matched.size(), onlyA, onlyB, changed);
    }

    /** Nodes per op type on each side, by op name. */
    private static List<OpCount> opCounts(Report a, Report b) {
        Map<String, long[]> m = new TreeMap<>();
        for (LayerRow l : a.layers()) {
            if (!l.op().equals("-")) {
                m.computeIfAbsent(l.op(), k -> new long[2])[0]++;
            }
        }
        for (LayerRow l : b.layers()) {
            if (!l.op().equals("-")) {
                m.computeIfAbsent(l.op(), k -> new long[2])[1]++;
            }
        }
        List<OpCount> out = new ArrayList<>();
        m.forEach((op, c) -> out.add(new OpCount(op, c[0], c[1])));
        return out;
    }

    private static long nodes(Report r) {
        return r.layers().stream().filter(l -> !l.op().equals("-")).count();
    }

    private static long total(Report r) {
        return r.ledger().totalBytes();
    }
}
