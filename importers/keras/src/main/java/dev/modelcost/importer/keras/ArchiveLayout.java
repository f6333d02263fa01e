package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.spi.ImportOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weights file of a Keras 3 {@code .keras} archive: variables at {@code layers/<group>/[sub/]vars/<i>},
 * where a group is named after the layer's class in snake case with a per-class counter (or, from Keras 3.6,
 * carries the layer name in the {@code vars} group's "name" attribute), and optimizer variables under
 * {@code optimizer/}. The meaning of variable i comes from the layer class and config.
 */
final class ArchiveLayout {
    private ArchiveLayout() { }

    static void read(Path file, Group root, long h5Offset, Topology topo, GraphAssembler asm, ImportOptions options) {
        Map<String, Topology.Layer> groupToLayer = new HashMap<>();
        mapGroups(root, "layers", "", topo, groupToLayer);
        H5Walker walker = new H5Walker(options.maxNodes(), options.maxTensorRank());
        int unknownMeaning = 0;
        int unowned = 0;
        for (H5Dataset d : walker.datasets(root)) {
            String p = d.path();
            if (p.startsWith("optimizer/")) {
                asm.addOptimizer(d);
                continue;
            }
            if (p.startsWith("metrics/")) {
                asm.addOther(d);
                continue;
            }
            int vars = p.lastIndexOf("/vars/");
            String ownerPath = vars < 0 ? "" : p.substring(0, vars);
            String index = vars < 0 ? d.baseName() : p.substring(vars + 6);
            Topology.Layer layer = null;
            String sub = "";
            for (String g = ownerPath; !g.isEmpty(); g = g.contains("/") ? g.substring(0, g.lastIndexOf('/')) : "") {
                layer = groupToLayer.get(g);
                if (layer != null) {
                    sub = ownerPath.substring(g.length()).replaceFirst("^/", "");
                    break;
                }
            }
            String meaning = null;
            if (layer != null) {
                List<String> names = WeightRoles.keras3Vars(layer.className(), layer.config(), sub);
                int i = index.chars().allMatch(Character::isDigit) && !index.isEmpty() ? Integer.parseInt(index) : -1;
                if (names != null && i >= 0 && i < names.size()) {
                    meaning = names.get(i);
                } else {
                    unknownMeaning++;
                }
            } else {
                unowned++;
            }
            TensorRole role = meaning == null ? TensorRole.OTHER_PARAMETER : WeightRoles.byName(meaning);
            String name = layer == null ? p
                    : layer.qualifiedName() + "/" + (sub.isEmpty() ? "" : sub + "/") + (meaning == null ? "vars/" + index : meaning);
            asm.addWeight(d, h5Offset, name, role, layer == null ? null : layer.trainable(),
                    layer == null ? null : layer.qualifiedName());
        }
        if (unknownMeaning > 0) {
            asm.diagnose(unknownMeaning + " variable(s) of layers whose classes modelcost does not know are counted as "
                    + "'other' parameters");
        }
        if (unowned > 0) {
            asm.diagnose(unowned + " variable(s) outside any layer of config.json are counted as 'other' parameters");
        }
    }

    /** Maps "layers/conv2d_1" (and nested "layers/functional/layers/dense") to the config's layers. */
    private static void mapGroups(Group root, String groupPath, String scope, Topology topo, Map<String, Topology.Layer> out) {
        List<Topology.Layer> layers = topo.children().getOrDefault(scope, List.of());
        Map<String, Integer> counters = new HashMap<>();
        Map<String, Topology.Layer> byName = new HashMap<>();
        for (Topology.Layer l : layers) {
            byName.put(l.name(), l);
        }
        for (Topology.Layer l : layers) {
            String key = snakeCase(l.className());
            int n = counters.merge(key, 1, Integer::sum) - 1;
            String g = groupPath + "/" + (n == 0 ? key : key + "_" + n);
            out.put(g, l);
        }
        Node container;
        try {
            container = root.getByPath(groupPath);
        } catch (RuntimeException absent) {
            container = null;
        }
        if (container instanceof Group cg) {
            for (Node child : cg.getChildren().values()) {
                if (!(child instanceof Group g)) {
                    continue;
                }
                String gp = groupPath + "/" + child.getName();
                Node vars = g.getChildren().get("vars");
                String named = vars == null ? null : H5Walker.stringAttr(vars, "name").orElse(null);
                if (named != null && byName.containsKey(named)) {
                    out.put(gp, byName.get(named));
                }
                Topology.Layer l = out.get(gp);
                if (l != null && l.model()) {
                    mapGroups(root, gp + "/layers", l.qualifiedName() + "/", topo, out);
                }
            }
        }
    }

    /** Keras's to_snake_case: "Conv2D" → "conv2d", "BatchNormalization" → "batch_normalization", "ReLU" → "re_lu". */
    static String snakeCase(String name) {
        String s = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return s;
    }
}
