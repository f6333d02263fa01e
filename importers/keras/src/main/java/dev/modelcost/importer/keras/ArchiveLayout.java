package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.spi.ImportOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weights file of a Keras 3 {@code .keras} archive: variables at {@code layers/<group>/[sub/]vars/<i>},
 * where a group is named after the layer's class in snake case with a per-class counter (or, from Keras 3.6,
 * carries the layer name in the {@code vars} group's "name" attribute), and optimizer variables under
 * {@code optimizer/}; tf-keras archives put the layers under {@code _layer_checkpoint_dependencies/}. The meaning
 * of variable i comes from the layer class and config.
 */
final class ArchiveLayout {
    private ArchiveLayout() { }

    static void read(Path file, Group root, long h5Offset, Topology topo, GraphAssembler asm, ImportOptions options) {
        Map<String, Topology.Layer> groupToLayer = new HashMap<>();
        mapGroups(root, "", "", topo, groupToLayer);
        H5Walker walker = new H5Walker(options.maxNodes(), options.maxTensorRank());
        List<H5Dataset> datasets = walker.datasets(root);
        Map<String, Integer> varsPerOwner = new HashMap<>();
        for (H5Dataset d : datasets) {
            int at = d.path().lastIndexOf("/vars/");
            if (at >= 0) {
                varsPerOwner.merge(d.path().substring(0, at), 1, Integer::sum);
            }
        }
        int unknownMeaning = 0;
        int unowned = 0;
        int byGroupName = 0;
        for (H5Dataset d : datasets) {
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
                meaning = meaningFromGroupName(ownerPath, index, varsPerOwner.getOrDefault(ownerPath, 0));
                if (meaning != null) {
                    byGroupName++;
                } else {
                    unowned++;
                }
            }
            String cls = layer == null ? null : layer.className();
            TensorRole role = meaning == null ? TensorRole.OTHER_PARAMETER : WeightRoles.of(cls, meaning);
            String name = layer == null ? p
                    : layer.qualifiedName() + "/" + (sub.isEmpty() ? "" : sub + "/") + (meaning == null ? "vars/" + index : meaning);
            asm.addWeight(d, h5Offset, name, role, layer == null ? null : layer.trainable() && !WeightRoles.isState(cls, meaning),
                    layer == null ? null : layer.qualifiedName());
        }
        if (unknownMeaning > 0) {
            asm.diagnose(unknownMeaning + " variable(s) of layers whose classes modelcost does not know are counted as "
                    + "'other' parameters");
        }
        if (byGroupName > 0) {
            asm.diagnose(byGroupName + " variable(s) of layers config.json does not list (a subclassed model?) take "
                    + "their roles from the class their group is named after, with that class's default variables");
        }
        if (unowned > 0) {
            asm.diagnose(unowned + " variable(s) outside any layer of config.json are counted as 'other' parameters");
        }
    }

    /** Layer classes whose variables WeightRoles knows without a config, by Keras's snake-case group name. */
    private static final Map<String, String> CLASS_BY_GROUP_NAME = new HashMap<>();

    static {
        for (String cls : List.of("Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose",
                "Conv2DTranspose", "Conv3DTranspose", "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D",
                "SeparableConv2D", "BatchNormalization", "LayerNormalization", "GroupNormalization", "Embedding",
                "PReLU", "LSTM", "GRU", "SimpleRNN", "MultiHeadAttention")) {
            CLASS_BY_GROUP_NAME.put(snakeCase(cls), cls);
        }
    }

    /**
     * The meaning of variable {@code index} of a group no config layer owns, from the class its name was made from
     * ("conv2d_3" is a Conv2D), when the group holds exactly as many variables as that class has by default, or
     * one fewer where the default's last is a bias (use_bias=False); null otherwise (a BatchNormalization without
     * scale, say, is not guessed at).
     */
    static String meaningFromGroupName(String ownerPath, String index, int varsInGroup) {
        String[] parts = ownerPath.split("/");
        int group = -1;
        for (int i = parts.length - 2; i >= 0; i--) {
            if (CONTAINERS.contains(parts[i])) {
                group = i + 1;
                break;
            }
        }
        if (group < 0 || index.isEmpty() || !index.chars().allMatch(Character::isDigit) || index.length() > 6) {
            return null;
        }
        String cls = CLASS_BY_GROUP_NAME.get(parts[group].replaceFirst("_\\d+$", ""));
        if (cls == null) {
            return null;
        }
        String sub = String.join("/", java.util.Arrays.asList(parts).subList(group + 1, parts.length));
        List<String> names = WeightRoles.keras3Vars(cls, Map.of(), sub);
        if (names != null && names.size() == varsInGroup + 1 && names.get(names.size() - 1).equals("bias")) {
            names = names.subList(0, varsInGroup); // use_bias=False: the bias is the variable that is missing
        }
        int i = Integer.parseInt(index);
        return names != null && names.size() == varsInGroup && i < names.size() ? names.get(i) : null;
    }

    /**
     * The containers a model's layers are saved under: Keras 3 walks the model's {@code layers} list; tf-keras
     * (2.13 and later, "keras_v3" archives) walks the {@code _layer_checkpoint_dependencies} dict first, whose values
     * list each layer with weights twice, so its per-class counters skip numbers.
     */
    private static final List<String> CONTAINERS = List.of("layers", "_layer_checkpoint_dependencies");
    private static final int MAX_MAPPED_GROUPS = 100_000;
    private static final int MAX_GROUP_PATH_CHARS = 4_096;

    /** Maps "layers/conv2d_1" (and nested "layers/functional/layers/dense") to the config's layers. */
    private static void mapGroups(Group root, String ownerPath, String scope, Topology topo, Map<String, Topology.Layer> out) {
        List<Topology.Layer> layers = topo.children().getOrDefault(scope, List.of());
        Map<String, Topology.Layer> byName = new HashMap<>();
        for (Topology.Layer l : layers) {
            byName.put(l.name(), l);
        }
        for (String container : CONTAINERS) {
            String groupPath = ownerPath.isEmpty() ? container : ownerPath + "/" + container;
            Node node;
            try {
                node = root.getByPath(groupPath);
            } catch (RuntimeException absent) {
                node = null;
            }
            if (!(node instanceof Group cg)) {
                continue;
            }
            Map<String, Topology.Layer> mapped = new HashMap<>();
            if (container.equals("layers")) {
                // Keras 3: snake-case class name and a per-class counter over all layers, in config order.
                Map<String, Integer> counters = new HashMap<>();
                for (Topology.Layer l : layers) {
                    String key = snakeCase(l.className());
                    int n = counters.merge(key, 1, Integer::sum) - 1;
                    String child = n == 0 ? key : key + "_" + n;
                    if (cg.getChildren().get(child) instanceof Group) {
                        mapped.put(child, l);
                    }
                }
            }
            List<String> unnamed = new ArrayList<>();
            for (Node child : cg.getChildren().values()) {
                if (!(child instanceof Group g)) {
                    continue;
                }
                // From Keras 3.6 the vars group names its layer.
                Node vars = g.getChildren().get("vars");
                String named = vars == null ? null : H5Walker.stringAttr(vars, "name").orElse(null);
                if (named != null && byName.containsKey(named)) {
                    mapped.put(child.getName(), byName.get(named));
                } else if (!mapped.containsKey(child.getName())) {
                    unnamed.add(child.getName());
                }
            }
            mapByRank(unnamed, layers, mapped);
            for (Map.Entry<String, Topology.Layer> e : mapped.entrySet()) {
                String gp = groupPath + "/" + e.getKey();
                out.put(gp, e.getValue());
                // Nested models recurse; a hostile file that names one nested model from many groups at every
                // level is stopped by the budget, not allowed to multiply the walk.
                if (e.getValue().model() && out.size() < MAX_MAPPED_GROUPS && gp.length() < MAX_GROUP_PATH_CHARS) {
                    mapGroups(root, gp, e.getValue().qualifiedName() + "/", topo, out);
                }
            }
        }
    }

    /**
     * Groups no counter or name explains: the k-th group of a class (by its number) is the k-th layer of that class
     * with weights that no group has claimed yet, in config order. This reads tf-keras archives, whose counters
     * skip a number after every layer with weights.
     */
    private static void mapByRank(List<String> groups, List<Topology.Layer> layers, Map<String, Topology.Layer> mapped) {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (String g : groups) {
            byClass.computeIfAbsent(g.replaceFirst("_\\d+$", ""), k -> new ArrayList<>()).add(g);
        }
        java.util.Set<Topology.Layer> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        taken.addAll(mapped.values());
        byClass.forEach((cls, names) -> {
            names.sort(java.util.Comparator.comparingLong(ArchiveLayout::counter));
            java.util.Iterator<Topology.Layer> candidates = layers.stream()
                    .filter(l -> snakeCase(l.className()).equals(cls) && !taken.contains(l) && mayHaveWeights(l))
                    .iterator();
            for (String g : names) {
                if (!candidates.hasNext()) {
                    break;
                }
                Topology.Layer l = candidates.next();
                mapped.put(g, l);
                taken.add(l);
            }
        });
    }

    private static long counter(String group) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d{1,9})$").matcher(group);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static boolean mayHaveWeights(Topology.Layer l) {
        List<String> vars = WeightRoles.keras3Vars(l.className(), l.config(), "");
        return l.model() || vars == null || !vars.isEmpty();
    }

    /** Keras's to_snake_case: "Conv2D" → "conv2d", "BatchNormalization" → "batch_normalization", "ReLU" → "re_lu". */
    static String snakeCase(String name) {
        String s = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return s;
    }
}
