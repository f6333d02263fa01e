package dev.modelcost.importer.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which layer of a {@link Topology} a weight dataset of an HDF5 file belongs to, from its path below the weights
 * root. A top-level layer's group holds its weights directly ("dense_1/kernel:0", Keras 1 "dense_1/dense_1_W"); a
 * nested model's group holds its layers' weights under the names their variables had, which skip the scopes of
 * models nested further in: a Teachable Machine export keeps "Conv1/kernel:0" of
 * {@code sequential_5 ▸ model2 ▸ Conv1} at {@code sequential_5/Conv1/kernel:0}, tf.keras at times repeats the model
 * name ("head/head/dense/kernel:0"). So below a top-level model, the owner is the layer of that model's subtree, at
 * any depth, that a segment of the path names; the deepest such segment decides.
 */
final class LayerOwners {
    private final Topology topo;
    /** For each top-level model layer: its non-model descendants by their own (local) name, in config order. */
    private final Map<String, Map<String, List<Topology.Layer>>> byLocalName = new HashMap<>();

    LayerOwners(Topology topo) {
        this.topo = topo;
        for (Topology.Layer l : topo.layers().values()) {
            if (l.model() || l.scope().isEmpty()) {
                continue;
            }
            String top = l.qualifiedName().substring(0, l.qualifiedName().indexOf('/'));
            byLocalName
                    .computeIfAbsent(top, k -> new HashMap<>())
                    .computeIfAbsent(l.name(), k -> new ArrayList<>())
                    .add(l);
        }
    }

    /** The layer owning the dataset at {@code rel} (relative to the weights root); a model layer or null when none does. */
    Topology.Layer ownerOf(String rel) {
        String[] parts = rel.split("/");
        for (int n = parts.length - 1; n >= 1; n--) {
            Topology.Layer l = topo.layers().get(String.join("/", Arrays.copyOf(parts, n)));
            if (l != null && !l.model()) {
                return l;
            }
        }
        Map<String, List<Topology.Layer>> inside = byLocalName.get(parts[0]);
        if (inside != null) {
            for (int k = parts.length - 2; k >= 1; k--) {
                List<Topology.Layer> named = inside.get(parts[k]);
                if (named != null) {
                    return closest(named, parts);
                }
            }
        }
        return topo.layers().get(parts[0]);
    }

    /** Of layers sharing a name in different nested models, the one whose scopes the path names most of. */
    private static Topology.Layer closest(List<Topology.Layer> named, String[] parts) {
        Topology.Layer best = named.get(0);
        int bestScore = -1;
        for (Topology.Layer l : named) {
            int score = 0;
            for (String scope : l.qualifiedName().split("/")) {
                for (String p : parts) {
                    if (p.equals(scope)) {
                        score++;
                        break;
                    }
                }
            }
            if (score > bestScore) {
                best = l;
                bestScore = score;
            }
        }
        return best;
    }
}
