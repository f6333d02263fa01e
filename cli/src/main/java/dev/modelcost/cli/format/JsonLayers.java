package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LayerRow;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The JSON contract's {@code layers} (every node) and, with {@code --depth N}, its {@code groups} of them. */
final class JsonLayers {
    private JsonLayers() {}

    static void write(JsonWriter w, List<LayerRow> layers, OptionalInt depth) {
        w.key("layers").beginArray();
        for (LayerRow l : layers) {
            w.beginObject().field("name", l.name()).field("op", l.op());
            w.key("outputShape");
            Shapes.write(w, l.output().shape());
            w.field("dtype", l.output().dtype().shortName())
                    .field("activationElements", l.activationElements())
                    .field("activationsComplete", l.activationsComplete())
                    .field("parameters", l.parameters());
            byRole(w, l.parametersByRole());
            w.field("weights", l.weights())
                    .field("biases", l.biases())
                    .field("macs", l.macs())
                    .field("liveBytes", l.liveBytes())
                    .field("sharedParameters", l.sharedParameters())
                    .field("noOp", l.noOp())
                    .endObject();
        }
        w.endArray();
        if (depth.isPresent()) {
            groups(w, LayerGroups.of(layers, depth.getAsInt(), false));
        }
    }

    /** Every layer but the no-op views in exactly one group, so the groups add up to the totals as the layers do. */
    private static void groups(JsonWriter w, List<LayerGroups.Group> groups) {
        w.key("groups").beginArray();
        for (LayerGroups.Group g : groups) {
            LayerTable.Row sums = LayerTable.Row.of(g.name(), g.op(), g.layers());
            w.beginObject().field("name", g.name()).field("op", g.op());
            w.key("layerIndices").beginArray();
            for (int i : g.indices()) {
                w.value(i);
            }
            w.endArray();
            w.key("outputShape");
            LayerRow last = g.layers().get(g.layers().size() - 1);
            Shapes.write(w, last.output().shape());
            w.field("dtype", last.output().dtype().shortName())
                    .field("activationElements", sums.activationElements())
                    .field("activationsComplete", sums.activationsComplete())
                    .field("parameters", sums.parameters());
            byRole(w, sums.byRole());
            w.field("sharedParameters", sums.sharedParameters())
                    .field("macs", sums.macs())
                    .field("macsComplete", sums.macs() != null && !sums.macsLowerBound())
                    .endObject();
        }
        w.endArray();
    }

    /** The roles present, by their JSON names (as in parameters.byRole). */
    private static void byRole(JsonWriter w, Map<TensorRole, Long> byRole) {
        w.key("byRole").beginObject();
        RoleWords.ORDER.forEach(role -> {
            long v = byRole.getOrDefault(role, 0L);
            if (v != 0) {
                w.field(role.jsonName(), v);
            }
        });
        w.endObject();
    }
}
