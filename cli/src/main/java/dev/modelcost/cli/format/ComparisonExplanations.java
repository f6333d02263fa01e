package dev.modelcost.cli.format;

import dev.modelcost.core.compare.Comparison;
import dev.modelcost.core.compare.Comparison.Line;
import dev.modelcost.core.compare.Comparison.Part;
import dev.modelcost.core.compare.Comparison.Section;
import dev.modelcost.core.compare.LayerMatch;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** The sentences that say what explains each difference of a {@link Comparison}; every figure comes from it. */
final class ComparisonExplanations {
    private ComparisonExplanations() {}

    static List<String> of(Comparison c) {
        Report a = c.a();
        Report b = c.b();
        List<String> out = new ArrayList<>();
        if (!a.assumptions().equals(b.assumptions())) {
            out.add("the two reports were computed under different assumptions; the comparison is not like for like");
        }
        if (!a.model().format().equals(b.model().format())) {
            out.add(
                    "the formats differ: A is " + a.model().format() + ", B is "
                            + b.model().format()
                            + " (each stores the graph, names and weights in its own container; see the file bytes by category)");
        }
        parameters(c, out);
        computeAndActivations(c, out);
        file(c, out);
        layers(c.layers()).ifPresent(out::add);
        if (out.size() == 1
                && a.macs() == b.macs()
                && a.activations().layerOutputElements() == b.activations().layerOutputElements()
                && a.ledger().totalBytes() == b.ledger().totalBytes()) {
            out.add("no other difference in the compared quantities");
        }
        return out;
    }

    private static void parameters(Comparison c, List<String> out) {
        ParameterSummary pa = c.a().parameters();
        ParameterSummary pb = c.b().parameters();
        if (pa.total() != pb.total()) {
            out.add("parameters differ by " + signed(pb.total() - pa.total()) + ": "
                    + deltas(c, Section.PARAMETERS, Part.BY_ROLE));
            if (!pa.elementsByDType().keySet().equals(pb.elementsByDType().keySet())) {
                out.add("parameter element types differ: A " + dtypes(pa) + ", B " + dtypes(pb));
            }
        } else if (pa.logicalBytes() != pb.logicalBytes()) {
            out.add("the same " + n(pa.total()) + " parameters are stored in different element types (" + dtypes(pa)
                    + " vs " + dtypes(pb) + "): " + signed(pb.logicalBytes() - pa.logicalBytes()) + " bytes");
        } else {
            out.add("parameters are the same: " + n(pa.total()) + " elements, " + n(pa.logicalBytes())
                    + " bytes as stored");
        }
    }

    private static void computeAndActivations(Comparison c, List<String> out) {
        Report a = c.a();
        Report b = c.b();
        String inputs = inputs(a.inputs()) + " vs " + inputs(b.inputs());
        boolean sameInputs = inputs(a.inputs()).equals(inputs(b.inputs()));
        String opDiff = opDeltas(c.opCounts());
        if (a.macs() != b.macs()) {
            out.add("MACs differ by " + signed(b.macs() - a.macs())
                    + (sameInputs ? "" : "; the inputs differ (" + inputs + ")")
                    + (opDiff.isEmpty()
                            ? "; the graphs have the same op counts, so layer sizes differ"
                            : "; op counts differ: " + opDiff)
                    + (a.macsComplete() && b.macsComplete() ? "" : " (a side is a lower bound)"));
        }
        long ea = a.activations().layerOutputElements();
        long eb = b.activations().layerOutputElements();
        if (ea != eb) {
            out.add("activation elements differ by " + signed(eb - ea)
                    + (sameInputs ? "" : "; the inputs differ (" + inputs + ")")
                    + (opDiff.isEmpty()
                            ? ""
                            : "; op counts differ: " + opDiff + " (views and in-place ops allocate nothing)"));
        } else if (a.activations().layerOutputBytes() != b.activations().layerOutputBytes()) {
            out.add("the same activation elements take " + n(a.activations().layerOutputBytes()) + " bytes in A and "
                    + n(b.activations().layerOutputBytes()) + " in B: the activations' element types differ");
        }
        if (a.activations().peakLiveBytes() != b.activations().peakLiveBytes()) {
            out.add("peak live activations differ by "
                    + signed(b.activations().peakLiveBytes() - a.activations().peakLiveBytes()) + " bytes (A peaks at "
                    + a.activations().peakAfterNode() + ", B at "
                    + b.activations().peakAfterNode() + ")");
        }
    }

    private static void file(Comparison c, List<String> out) {
        Report a = c.a();
        Report b = c.b();
        if (a.ledger().totalBytes() != b.ledger().totalBytes()) {
            out.add("file bytes differ by "
                    + signed(b.ledger().totalBytes() - a.ledger().totalBytes()) + " ("
                    + a.model().format() + " vs " + b.model().format() + "): "
                    + deltas(c, Section.FILE, Part.BY_CATEGORY));
            if (a.ledger().externalBytes() != b.ledger().externalBytes()) {
                out.add("external data files: A " + n(a.ledger().externalBytes()) + " bytes, B "
                        + n(b.ledger().externalBytes()) + " bytes (counted in the file bytes above)");
            }
        }
        long oa = a.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE);
        long ob = b.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE);
        if (oa != ob) {
            out.add("optimizer state stored in the file: A " + n(oa) + " bytes, B " + n(ob)
                    + " bytes (training state, not parameters; in the file bytes above)");
        }
    }

    /** One sentence on how the layers matched and which matched layers changed most; empty when there is nothing to say. */
    static Optional<String> layers(LayerMatch m) {
        String byPosition =
                "no layer name is shared, so layers with parameters are matched by schedule position and op family: ";
        if (m instanceof LayerMatch.ByName byName) {
            return Optional.of(byName(byName));
        }
        if (m instanceof LayerMatch.CountsDiffer d) {
            return Optional.of(
                    byPosition + "not matched, A has " + root(d.layersA()) + " such layers (" + histogram(d.familiesA())
                            + "), B has " + root(d.layersB()) + " (" + histogram(d.familiesB()) + ")");
        }
        if (m instanceof LayerMatch.FamiliesDiffer d) {
            return Optional.of(byPosition + "not matched, position " + d.position() + " of " + root(d.pairs()) + " is "
                    + d.familyA() + " in A (" + d.nameA() + ", " + d.opA() + ") and " + d.familyB() + " in B ("
                    + d.nameB() + ", " + d.opB() + ")");
        }
        if (m instanceof LayerMatch.ByPosition p) {
            String changed = p.changed().isEmpty()
                    ? ", each with the same parameters and MACs"
                    : "; " + root(p.changed().size()) + " pairs differ, first: "
                            + String.join(
                                    "; ",
                                    p.changed().stream()
                                            .limit(3)
                                            .map(x -> x.nameA() + " ~ " + x.nameB() + " parameters "
                                                    + signedRoot(x.parameterDelta()) + ", MACs "
                                                    + signedRoot(x.macDelta()))
                                            .toList());
            return Optional.of(byPosition + root(p.pairs()) + " pairs (" + histogram(p.families()) + ")" + changed);
        }
        return Optional.empty();
    }

    private static String byName(LayerMatch.ByName m) {
        StringBuilder sb = new StringBuilder("layers matched by name: ").append(n(m.matched()));
        if (!m.onlyInA().isEmpty()) {
            sb.append("; only in A: ")
                    .append(n(m.onlyInA().size()))
                    .append(" (")
                    .append(first(m.onlyInA()))
                    .append(')');
        }
        if (!m.onlyInB().isEmpty()) {
            sb.append("; only in B: ")
                    .append(n(m.onlyInB().size()))
                    .append(" (")
                    .append(first(m.onlyInB()))
                    .append(')');
        }
        if (!m.changed().isEmpty()) {
            List<String> top = m.changed().stream()
                    .limit(3)
                    .map(x ->
                            x.nameA() + " parameters " + signed(x.parameterDelta()) + ", MACs " + signed(x.macDelta()))
                    .toList();
            sb.append("; changed: ")
                    .append(n(m.changed().size()))
                    .append(", most: ")
                    .append(String.join("; ", top));
        }
        return sb.toString();
    }

    private static String first(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
    }

    /** "weight +10, bias −2" over the lines that break a section's whole down by {@code part} and differ. */
    private static String deltas(Comparison c, Section s, Part part) {
        List<String> parts = new ArrayList<>();
        for (Line l : c.lines()) {
            if (l.section() == s && l.part() == part && l.differs()) {
                parts.add(l.quantity() + " " + signed(l.delta()));
            }
        }
        return parts.isEmpty() ? "no finer figure accounts for it" : String.join(", ", parts);
    }

    private static String opDeltas(List<Comparison.OpCount> ops) {
        return String.join(
                ", ",
                ops.stream()
                        .filter(Comparison.OpCount::differs)
                        .map(o -> o.op() + " " + signed(o.b() - o.a()))
                        .toList());
    }

    private static String histogram(List<LayerMatch.FamilyCount> families) {
        return String.join(
                ", ", families.stream().map(f -> f.family() + " x" + f.layers()).toList());
    }

    private static String dtypes(ParameterSummary p) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(p.elementsByDType()).forEach((d, v) -> parts.add(d.shortName() + " " + n(v)));
        return String.join(", ", parts);
    }

    private static String inputs(List<ValueInfo> vs) {
        List<String> parts = new ArrayList<>();
        vs.forEach(v -> parts.add(Shapes.typeText(v)));
        return String.join(", ", parts);
    }

    private static String signed(long v) {
        return (v > 0 ? "+" : v < 0 ? "-" : "") + n(Math.abs(v));
    }

    private static String n(long v) {
        return String.format("%,d", v);
    }

    /** The layer-matching sentence has always grouped digits the same way in every locale. */
    private static String signedRoot(long v) {
        return (v > 0 ? "+" : v < 0 ? "-" : "") + root(Math.abs(v));
    }

    private static String root(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
