package dev.modelcost.core.compare;

import dev.modelcost.core.compare.Comparison.Line;
import dev.modelcost.core.compare.Comparison.Part;
import dev.modelcost.core.compare.Comparison.Section;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two reports computed under the same assumptions: the quantities side by side, and for each
 * difference the finer figures that account for it (parameter roles and element types, op counts and
 * input shapes, ledger categories). Pure: reads the reports, writes a new {@link Comparison}.
 */
public final class ReportComparison {
    private ReportComparison() { }

    public static Comparison of(Report a, Report b) {
        List<Line> lines = new ArrayList<>();
        parameters(a, b, lines);
        lines.add(new Line(Section.COMPUTE, "MACs per sample", "MACs", a.macs(), b.macs(), !a.macsComplete(), !b.macsComplete()));
        boolean ai = !a.activations().complete();
        boolean bi = !b.activations().complete();
        lines.add(new Line(Section.ACTIVATIONS, "activation elements per sample", "elements",
                a.activations().layerOutputElements(), b.activations().layerOutputElements(), ai, bi));
        lines.add(new Line(Section.ACTIVATIONS, "activation bytes per sample", "bytes",
                a.activations().layerOutputBytes(), b.activations().layerOutputBytes(), ai, bi));
        lines.add(new Line(Section.ACTIVATIONS, "peak live activation bytes, batch " + a.activations().batch(), "bytes",
                a.activations().peakLiveBytes(), b.activations().peakLiveBytes(), ai, bi));
        Map<String, long[]> ops = opCounts(a, b);
        lines.add(new Line(Section.GRAPH, "nodes", "nodes", nodes(a), nodes(b), false, false));
        ops.forEach((op, c) -> lines.add(new Line(Section.GRAPH, op + " nodes", "nodes", c[0], c[1], false, false)));
        file(a, b, lines);
        return new Comparison(a, b, lines, explain(a, b, lines, ops));
    }

    private static void parameters(Report a, Report b, List<Line> lines) {
        ParameterSummary pa = a.parameters();
        ParameterSummary pb = b.parameters();
        lines.add(new Line(Section.PARAMETERS, "parameters", "elements", pa.total(), pb.total(), false, false));
        for (TensorRole r : TensorRole.values()) {
            if (r.isParameter()) {
                lines.add(new Line(Section.PARAMETERS, Part.BY_ROLE, r.jsonName(), "elements", pa.role(r), pb.role(r), false, false));
            }
        }
        lines.add(new Line(Section.PARAMETERS, "trainable", "elements", pa.trainable(), pb.trainable(), false, false));
        lines.add(new Line(Section.PARAMETERS, "non-trainable", "elements", pa.nonTrainable(), pb.nonTrainable(), false, false));
        TreeSet<DType> dtypes = new TreeSet<>(pa.elementsByDType().keySet());
        dtypes.addAll(pb.elementsByDType().keySet());
        for (DType d : dtypes) {
            lines.add(new Line(Section.PARAMETERS, Part.BY_DTYPE, "stored as " + d.shortName(), "elements",
                    pa.elementsByDType().getOrDefault(d, 0L), pb.elementsByDType().getOrDefault(d, 0L), false, false));
        }
        lines.add(new Line(Section.PARAMETERS, "parameter bytes as stored", "bytes", pa.logicalBytes(), pb.logicalBytes(), false, false));
        lines.add(new Line(Section.PARAMETERS, "constant elements (not parameters)", "elements",
                pa.constantElements(), pb.constantElements(), false, false));
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
        lines.add(new Line(Section.FILE, Part.BY_CATEGORY, "unexplained", "bytes", a.ledger().unexplainedBytes(), b.ledger().unexplainedBytes(), false, false));
    }

    private static List<String> explain(Report a, Report b, List<Line> lines, Map<String, long[]> ops) {
        List<String> out = new ArrayList<>();
        if (!a.assumptions().equals(b.assumptions())) {
            out.add("the two reports were computed under different assumptions; the comparison is not like for like");
        }
        if (!a.model().format().equals(b.model().format())) {
            out.add("the formats differ: A is " + a.model().format() + ", B is " + b.model().format()
                    + " (each stores the graph, names and weights in its own container; see the file bytes by category)");
        }
        ParameterSummary pa = a.parameters();
        ParameterSummary pb = b.parameters();
        if (pa.total() != pb.total()) {
            out.add("parameters differ by " + signed(pb.total() - pa.total()) + ": " + deltas(lines, Section.PARAMETERS, Part.BY_ROLE));
            if (!pa.elementsByDType().keySet().equals(pb.elementsByDType().keySet())) {
                out.add("parameter element types differ: A " + dtypes(pa) + ", B " + dtypes(pb));
            }
        } else if (pa.logicalBytes() != pb.logicalBytes()) {
            out.add("the same " + n(pa.total()) + " parameters are stored in different element types ("
                    + dtypes(pa) + " vs " + dtypes(pb) + "): " + signed(pb.logicalBytes() - pa.logicalBytes()) + " bytes");
        } else {
            out.add("parameters are the same: " + n(pa.total()) + " elements, " + n(pa.logicalBytes()) + " bytes as stored");
        }
        String inputs = inputs(a.inputs()) + " vs " + inputs(b.inputs());
        boolean sameInputs = inputs(a.inputs()).equals(inputs(b.inputs()));
        String opDiff = opDeltas(ops);
        if (a.macs() != b.macs()) {
            out.add("MACs differ by " + signed(b.macs() - a.macs())
                    + (sameInputs ? "" : "; the inputs differ (" + inputs + ")")
                    + (opDiff.isEmpty() ? "; the graphs have the same op counts, so layer sizes differ" : "; op counts differ: " + opDiff)
                    + (a.macsComplete() && b.macsComplete() ? "" : " (a side is a lower bound)"));
        }
        long ea = a.activations().layerOutputElements();
        long eb = b.activations().layerOutputElements();
        if (ea != eb) {
            out.add("activation elements differ by " + signed(eb - ea) + (sameInputs ? "" : "; the inputs differ (" + inputs + ")")
                    + (opDiff.isEmpty() ? "" : "; op counts differ: " + opDiff + " (views and in-place ops allocate nothing)"));
        } else if (a.activations().layerOutputBytes() != b.activations().layerOutputBytes()) {
            out.add("the same activation elements take " + n(a.activations().layerOutputBytes()) + " bytes in A and "
                    + n(b.activations().layerOutputBytes()) + " in B: the activations' element types differ");
        }
        if (a.activations().peakLiveBytes() != b.activations().peakLiveBytes()) {
            out.add("peak live activations differ by " + signed(b.activations().peakLiveBytes() - a.activations().peakLiveBytes())
                    + " bytes (A peaks at " + a.activations().peakAfterNode() + ", B at " + b.activations().peakAfterNode() + ")");
        }
        if (total(a) != total(b)) {
            out.add("file bytes differ by " + signed(total(b) - total(a)) + " (" + a.model().format() + " vs " + b.model().format()
                    + "): " + deltas(lines, Section.FILE, Part.BY_CATEGORY));
            if (a.ledger().externalBytes() != b.ledger().externalBytes()) {
                out.add("external data files: A " + n(a.ledger().externalBytes()) + " bytes, B " + n(b.ledger().externalBytes())
                        + " bytes (counted in the file bytes above)");
            }
        }
        long oa = a.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE);
        long ob = b.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE);
        if (oa != ob) {
            out.add("optimizer state stored in the file: A " + n(oa) + " bytes, B " + n(ob)
                    + " bytes (training state, not parameters; in the file bytes above)");
        }
        layers(a, b, out);
        if (out.size() == 1 && a.macs() == b.macs() && ea == eb && total(a) == total(b)) {
            out.add("no other difference in the compared quantities");
        }
        return out;
    }

    /**
     * Layers matched by name (an export of the same model keeps them): which exist on one side only, and the
     * matched layers whose parameters or MACs changed most. When no name matches (e.g. ONNX vs Keras), the
     * layers with parameters are matched by schedule position instead ({@link LayerAlignment}).
     */
    private static void layers(Report a, Report b, List<String> out) {
        Map<String, LayerRow> inB = new java.util.LinkedHashMap<>();
        b.layers().forEach(l -> inB.putIfAbsent(l.name(), l));
        List<String> onlyA = new ArrayList<>();
        List<long[]> changed = new ArrayList<>(); // {index in A, parameter delta, MAC delta}
        java.util.Set<String> matched = new java.util.HashSet<>();
        for (int i = 0; i < a.layers().size(); i++) {
            LayerRow x = a.layers().get(i);
            LayerRow y = inB.get(x.name());
            if (y == null) {
                onlyA.add(x.name());
                continue;
            }
            matched.add(x.name());
            long dp = y.parameters() - x.parameters();
            long dm = (y.macs() == null ? 0 : y.macs()) - (x.macs() == null ? 0 : x.macs());
            if (dp != 0 || dm != 0) {
                changed.add(new long[] {i, dp, dm});
            }
        }
        if (matched.isEmpty()) {
            LayerAlignment.byPosition(a.layers(), b.layers()).ifPresent(out::add);
            return;
        }
        List<String> onlyB = b.layers().stream().map(LayerRow::name).filter(nm -> !matched.contains(nm)).distinct().toList();
        if (onlyA.isEmpty() && onlyB.isEmpty() && changed.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("layers matched by name: ").append(n(matched.size()));
        if (!onlyA.isEmpty()) {
            sb.append("; only in A: ").append(n(onlyA.size())).append(" (").append(first(onlyA)).append(')');
        }
        if (!onlyB.isEmpty()) {
            sb.append("; only in B: ").append(n(onlyB.size())).append(" (").append(first(onlyB)).append(')');
        }
        if (!changed.isEmpty()) {
            changed.sort((p, q) -> Long.compare(Math.abs(q[1]) + Math.abs(q[2]), Math.abs(p[1]) + Math.abs(p[2])));
            List<String> top = new ArrayList<>();
            for (long[] c : changed.subList(0, Math.min(3, changed.size()))) {
                top.add(a.layers().get((int) c[0]).name() + " parameters " + signed(c[1]) + ", MACs " + signed(c[2]));
            }
            sb.append("; changed: ").append(n(changed.size())).append(", most: ").append(String.join("; ", top));
        }
        out.add(sb.toString());
    }

    private static String first(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
    }

    /** "weight +10, bias −2" over the lines of a section that break its whole down by {@code part} and differ. */
    private static String deltas(List<Line> lines, Section s, Part part) {
        List<String> parts = new ArrayList<>();
        for (Line l : lines) {
            if (l.section() == s && l.part() == part && l.differs()) {
                parts.add(l.quantity() + " " + signed(l.delta()));
            }
        }
        return parts.isEmpty() ? "no finer figure accounts for it" : String.join(", ", parts);
    }

    private static String opDeltas(Map<String, long[]> ops) {
        List<String> parts = new ArrayList<>();
        ops.forEach((op, c) -> {
            if (c[0] != c[1]) {
                parts.add(op + " " + signed(c[1] - c[0]));
            }
        });
        return String.join(", ", parts);
    }

    private static Map<String, long[]> opCounts(Report a, Report b) {
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
        return m;
    }

    private static long nodes(Report r) { return r.layers().stream().filter(l -> !l.op().equals("-")).count(); }

    private static long total(Report r) { return r.ledger().totalBytes(); }

    private static String dtypes(ParameterSummary p) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(p.elementsByDType()).forEach((d, v) -> parts.add(d.shortName() + " " + n(v)));
        return String.join(", ", parts);
    }

    private static String inputs(List<ValueInfo> vs) {
        List<String> parts = new ArrayList<>();
        vs.forEach(v -> parts.add(v.type().dtype().shortName() + " " + v.type().shape()));
        return String.join(", ", parts);
    }

    private static String signed(long v) { return (v > 0 ? "+" : v < 0 ? "-" : "") + n(Math.abs(v)); }

    private static String n(long v) { return String.format("%,d", v); }
}
