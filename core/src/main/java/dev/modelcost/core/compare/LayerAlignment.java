package dev.modelcost.core.compare;

import dev.modelcost.core.report.LayerRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches the layers of two reports whose names differ (one model exported to two formats names its layers
 * differently): the layers that hold parameters, in schedule order, pair up by position when both sides have as
 * many and each pair is of the same op family (an ONNX Conv and a Keras Conv2D are both "conv"). The result
 * is one sentence that says how the layers were matched, or why they could not be.
 */
final class LayerAlignment {
    private LayerAlignment() { }

    static Optional<String> byPosition(List<LayerRow> a, List<LayerRow> b) {
        List<LayerRow> wa = weighted(a);
        List<LayerRow> wb = weighted(b);
        if (wa.isEmpty() && wb.isEmpty()) {
            return Optional.empty();
        }
        String head = "no layer name is shared, so layers with parameters are matched by schedule position and op family: ";
        if (wa.size() != wb.size()) {
            return Optional.of(head + "not matched, A has " + n(wa.size()) + " such layers (" + histogram(wa) + "), B has "
                    + n(wb.size()) + " (" + histogram(wb) + ")");
        }
        List<String> changed = new ArrayList<>();
        int changedCount = 0;
        for (int i = 0; i < wa.size(); i++) {
            LayerRow x = wa.get(i);
            LayerRow y = wb.get(i);
            if (!family(x.op()).equals(family(y.op()))) {
                return Optional.of(head + "not matched, position " + (i + 1) + " of " + n(wa.size()) + " is " + family(x.op())
                        + " in A (" + x.name() + ", " + x.op() + ") and " + family(y.op()) + " in B (" + y.name() + ", " + y.op() + ")");
            }
            long dp = y.parameters() - x.parameters();
            long dm = macs(y) - macs(x);
            if (dp != 0 || dm != 0) {
                changedCount++;
                if (changed.size() < 3) {
                    changed.add(x.name() + " ~ " + y.name() + " parameters " + signed(dp) + ", MACs " + signed(dm));
                }
            }
        }
        StringBuilder sb = new StringBuilder(head).append(n(wa.size())).append(" pairs (").append(histogram(wa)).append(')');
        if (changedCount == 0) {
            sb.append(", each with the same parameters and MACs");
        } else {
            sb.append("; ").append(n(changedCount)).append(" pairs differ, first: ").append(String.join("; ", changed));
        }
        return Optional.of(sb.toString());
    }

    /** The op family: the same kind of layer whatever the format calls it ({@link OpFamily}). */
    static String family(String op) { return OpFamily.of(op); }

    private static List<LayerRow> weighted(List<LayerRow> layers) {
        return layers.stream().filter(l -> !l.op().equals("-") && l.parameters() > 0).toList();
    }

    private static String histogram(List<LayerRow> layers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        layers.forEach(l -> counts.merge(family(l.op()), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((f, c) -> parts.add(f + " x" + c));
        return String.join(", ", parts);
    }

    private static long macs(LayerRow l) { return l.macs() == null ? 0 : l.macs(); }

    private static String signed(long v) { return (v > 0 ? "+" : v < 0 ? "-" : "") + n(Math.abs(v)); }

    private static String n(long v) { return String.format(Locale.ROOT, "%,d", v); }
}
