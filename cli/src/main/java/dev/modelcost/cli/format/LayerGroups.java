package dev.modelcost.cli.format;

import dev.modelcost.core.report.LayerRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --depth N}: layers grouped by module path. A layer's name is split at '/' ({@code /layer1/layer1.0/conv1/Conv}
 * from PyTorch's exporter, {@code base/fn/c1} for a layer of a nested Keras model, {@code model/block1/conv} from
 * TensorFlow); its last segment names the layer itself, the segments before it the modules it sits in. At depth N
 * the layers whose module path has at least N levels are grouped by its first N; a layer with fewer levels stays a
 * row of its own. Groups come in the order of their first layer; a group of one layer is that layer.
 */
public final class LayerGroups {
    /** One row of the grouped table: its layers' positions in the report's layer list and the layers themselves. */
    public record Group(String name, String op, List<Integer> indices, List<LayerRow> layers) {
        public Group {
            indices = List.copyOf(indices);
            layers = List.copyOf(layers);
        }
    }

    private LayerGroups() {}

    /**
     * The groups of {@code layers}; {@code withNoOps} false leaves out the views of stored tensors (which hold
     * nothing their consumers do not). Indices are positions in {@code layers}.
     */
    public static List<Group> of(List<LayerRow> layers, int depth, boolean withNoOps) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).noOp() && !withNoOps) {
                continue;
            }
            String key = moduleKey(layers.get(i).name(), depth);
            // A layer that is no module's stays alone, under a key no module path can have.
            byKey.computeIfAbsent(key == null ? "\0" + i : key, k -> new ArrayList<>())
                    .add(i);
        }
        List<Group> groups = new ArrayList<>();
        byKey.forEach((key, indices) -> {
            List<LayerRow> members = indices.stream().map(layers::get).toList();
            groups.add(
                    members.size() == 1
                            ? new Group(members.get(0).name(), members.get(0).op(), indices, members)
                            : new Group(key, members.size() + " layers", indices, members));
        });
        return groups;
    }

    /** The line under a table asked for with --depth that says what its rows are. */
    static String note(int depth, boolean grouped) {
        String levels = depth + (depth == 1 ? " level" : " levels");
        return grouped
                ? "Rows grouped by module path, " + levels
                        + " deep (--depth): a group adds up its layers and shows its last layer's output shape."
                : "--depth " + depth + ": no layer name has a module path ('/'-separated) " + levels
                        + " deep, so every row is one layer.";
    }

    /** The first {@code depth} modules of the name ("/layer1" for depth 1), or null when it has fewer. */
    static String moduleKey(String name, int depth) {
        List<String> segments =
                Arrays.stream(name.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.size() - 1 < depth) {
            return null;
        }
        return (name.startsWith("/") ? "/" : "") + String.join("/", segments.subList(0, depth));
    }
}
