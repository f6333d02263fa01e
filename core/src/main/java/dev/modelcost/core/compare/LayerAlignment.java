package dev.modelcost.core.compare;

import dev.modelcost.core.report.LayerRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the layers of two reports whose names differ (one model exported to two formats names its layers
 * differently): the layers that hold parameters, in schedule order, pair up by position when both sides have as
 * many and each pair is of the same op family (an ONNX Conv and a Keras Conv2D are both "conv").
 */
final class LayerAlignment {
    private LayerAlignment() {}

    static LayerMatch byPosition(List<LayerRow> a, List<LayerRow> b) {
        List<LayerRow> wa = weighted(a);
        List<LayerRow> wb = weighted(b);
        if (wa.isEmpty() && wb.isEmpty()) {
            return new LayerMatch.NothingToSay();
        }
        if (wa.size() != wb.size()) {
            return new LayerMatch.CountsDiffer(wa.size(), histogram(wa), wb.size(), histogram(wb));
        }
        List<LayerMatch.ChangedPair> changed = new ArrayList<>();
        for (int i = 0; i < wa.size(); i++) {
            LayerRow x = wa.get(i);
            LayerRow y = wb.get(i);
            if (!family(x.op()).equals(family(y.op()))) {
                return new LayerMatch.FamiliesDiffer(
                        i + 1, wa.size(), family(x.op()), x.name(), x.op(), family(y.op()), y.name(), y.op());
            }
            long dp = y.parameters() - x.parameters();
            long dm = macs(y) - macs(x);
            if (dp != 0 || dm != 0) {
                changed.add(new LayerMatch.ChangedPair(x.name(), y.name(), dp, dm));
            }
        }
        return new LayerMatch.ByPosition(histogram(wa), wa.size(), changed);
    }

    /** The op family: the same kind of layer whatever the format calls it ({@link OpFamily}). */
    static String family(String op) {
        return OpFamily.of(op);
    }

    private static List<LayerRow> weighted(List<LayerRow> layers) {
        return layers.stream()
                .filter(l -> !l.op().equals("-") && l.parameters() > 0)
                .toList();
    }

    private static List<LayerMatch.FamilyCount> histogram(List<LayerRow> layers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        layers.forEach(l -> counts.merge(family(l.op()), 1, Integer::sum));
        List<LayerMatch.FamilyCount> out = new ArrayList<>();
        counts.forEach((f, c) -> out.add(new LayerMatch.FamilyCount(f, c)));
        return out;
    }

    private static long macs(LayerRow l) {
        return l.macs() == null ? 0 : l.macs();
    }
}
