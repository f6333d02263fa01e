package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.spi.ImportOptions;
import io.jhdf.api.Group;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weights file of a Keras 3 {@code .keras} archive: variables at {@code layers/<group>/[sub/]vars/<i>},
 * where a group is named after the layer's class in snake case with a per-class counter (or, from Keras 3.6,
 * carries the layer name in the {@code vars} group's "name" attribute), and optimizer variables under
 * {@code optimizer/}; tf-keras archives put the layers under {@code _layer_checkpoint_dependencies/}. The meaning
 * of variable i comes from the layer class and config.
 */
final class ArchiveLayout {
    private ArchiveLayout() {}

    /**
     * Books every dataset of a Keras 3 weights file: optimizer variables ({@code optimizer/}), metric variables
     * ({@code metrics/}, state of the compiled metrics, not of the model) and the layers' variables, each with its
     * meaning and role. {@code topo} is null for a {@code .weights.h5} saved without its configuration. Paths are
     * read with Windows separators normalised ({@link ArchiveGroups}).
     */
    static void read(String file, Group root, long h5Offset, Topology topo, GraphAssembler asm, ImportOptions options) {
        ArchiveGroups groups = ArchiveGroups.of(root, options.maxNodes());
        Map<String, Topology.Layer> groupToLayer = new HashMap<>();
        if (topo != null) {
            mapGroups(groups, "", "", topo, groupToLayer);
        }
        H5Walker walker = new H5Walker(options.maxNodes(), options.maxTensorRank());
        List<H5Dataset> datasets = walker.datasets(root);
        Map<String, TreeMap<Integer, long[]>> varsPerOwner = new HashMap<>();
        for (H5Dataset d : datasets) {
            String p = ArchiveGroups.normalize(d.path());
            int at = p.lastIndexOf("/vars/");
            if (at >= 0 && index(p.substring(at + 6)) >= 0) {
                varsPerOwner
                        .computeIfAbsent(p.substring(0, at), k -> new TreeMap<>())
                        .put(index(p.substring(at + 6)), d.shape());
            }
        }
        int unknownMeaning = 0;
        int unowned = 0;
        int byGroupName = 0;
        int windowsPaths = 0;
        for (H5Dataset d : datasets) {
            String p = ArchiveGroups.normalize(d.path());
            if (!p.equals(d.path())) {
                windowsPaths++;
            }
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
            List<long[]> shapes = new ArrayList<>(
                    varsPerOwner.getOrDefault(ownerPath, new TreeMap<>()).values());
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
                int i = index(index);
                if (names != null && i >= 0 && i < names.size()) {
                    meaning = names.get(i);
                } else if (names == null && !sub.isEmpty()) {
                    meaning = VariableMeaning.of(ownerPath, i, shapes); // a standard layer inside a custom one
                }
                if (meaning == null) {
                    unknownMeaning++;
                }
            } else {
                meaning = inContainer(ownerPath) ? VariableMeaning.of(ownerPath, index(index), shapes) : null;
                if (meaning != null) {
                    byGroupName++;
                } else {
                    unowned++;
                }
            }
            String cls = layer == null ? null : layer.className();
            TensorRole role = meaning == null ? TensorRole.OTHER_PARAMETER : WeightRoles.of(cls, meaning);
            String name = layer == null
                    ? p
                    : layer.qualifiedName() + "/" + (sub.isEmpty() ? "" : sub + "/")
                            + (meaning == null ? "vars/" + index : meaning);
            asm.addWeight(
                    d,
                    h5Offset,
                    name,
                    role,
                    layer == null ? null : layer.trainable() && !WeightRoles.isState(cls, meaning),
                    layer == null ? null : layer.qualifiedName());
        }
        if (windowsPaths > 0) {
            asm.diagnose(windowsPaths
                    + " dataset path(s) use Windows separators ('\\', tf-keras 2.14/2.15 saved on Windows);"
                    + " read as '/'");
        }
        if (unknownMeaning > 0) {
            asm.diagnose(unknownMeaning + " variable(s) of layers whose classes modelcost does not know are counted as "
                    + "'other' parameters");
        }
        if (byGroupName > 0) {
            asm.diagnose(byGroupName + " variable(s) of layers "
                    + (topo == null
                            ? "of a weights file without its configuration"
                            : "config.json does not list (a subclassed model?)")
                    + " take their roles from the class their group is"
                    + " named after, or from their shapes");
        }
        if (unowned > 0) {
            asm.diagnose(unowned + " variable(s) outside any layer" + (topo == null ? "" : " of config.json")
                    + " are counted as 'other' parameters");
        }
    }

    private static int index(String s) {
        return !s.isEmpty() && s.length() <= 6 && s.chars().allMatch(Character::isDigit) ? Integer.parseInt(s) : -1;
    }

    /** True when the group lies below a container of layers ({@code layers/...}), the only groups named by class. */
    private static boolean inContainer(String ownerPath) {
        String[] parts = ownerPath.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (CONTAINERS.contains(parts[i])) {
                return true;
            }
        }
        return false;
    }

    /** True when a weights file's groups are Keras 3's ({@code layers/} or tf-keras's checkpoint names), whatever the separators. */
    static boolean isKeras3Weights(Group root, int maxGroups) {
        ArchiveGroups g = ArchiveGroups.of(root, maxGroups);
        return CONTAINERS.stream().anyMatch(c -> !g.children(c).isEmpty());
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
    private static void mapGroups(
            ArchiveGroups groups, String ownerPath, String scope, Topology topo, Map<String, Topology.Layer> out) {
        List<Topology.Layer> layers = topo.children().getOrDefault(scope, List.of());
        Map<String, Topology.Layer> byName = new HashMap<>();
        for (Topology.Layer l : layers) {
            byName.put(l.name(), l);
        }
        for (String container : CONTAINERS) {
            String groupPath = ownerPath.isEmpty() ? container : ownerPath + "/" + container;
            List<String> present = groups.children(groupPath);
            if (present.isEmpty()) {
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
                    if (present.contains(child)) {
                        mapped.put(child, l);
                    }
                }
            }
            List<String> unnamed = new ArrayList<>();
            for (String child : present) {
                // From Keras 3.6 the vars group names its layer.
                String named = groups.varsName(groupPath + "/" + child);
                if (named != null && byName.containsKey(named)) {
                    mapped.put(child, byName.get(named));
                } else if (!mapped.containsKey(child)) {
                    unnamed.add(child);
                }
            }
            mapByRank(unnamed, layers, mapped);
            for (Map.Entry<String, Topology.Layer> e : mapped.entrySet()) {
                String gp = groupPath + "/" + e.getKey();
                out.put(gp, e.getValue());
                // Nested models recurse; a hostile file that names one nested model from many groups at every
                // level is stopped by the budget, not allowed to multiply the walk.
                if (e.getValue().model() && out.size() < MAX_MAPPED_GROUPS && gp.length() < MAX_GROUP_PATH_CHARS) {
                    mapGroups(groups, gp, e.getValue().qualifiedName() + "/", topo, out);
                }
            }
        }
    }

    /**
     * Groups no counter or name explains: the k-th group of a class (by its number) is the k-th layer of that class
     * with weights that no group has claimed yet, in config order. This reads tf-keras archives, whose counters
     * skip a number after every layer with weights.
     */
    private static void mapByRank(
            List<String> groups, List<Topology.Layer> layers, Map<String, Topology.Layer> mapped) {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (String g : groups) {
            byClass.computeIfAbsent(g.replaceFirst("_\\d+$", ""), k -> new ArrayList<>())
                    .add(g);
        }
        Set<Topology.Layer> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        taken.addAll(mapped.values());
        byClass.forEach((cls, names) -> {
            names.sort(Comparator.comparingLong(ArchiveLayout::counter));
            Iterator<Topology.Layer> candidates = layers.stream()
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
        Matcher m = Pattern.compile("_(\\d{1,9})$").matcher(group);
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
