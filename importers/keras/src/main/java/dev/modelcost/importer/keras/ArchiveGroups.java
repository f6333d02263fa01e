package dev.modelcost.importer.keras;

import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The groups of a Keras 3 weights file by their path with separators normalised: tf-keras 2.14 and 2.15 on
 * Windows join a saved object's path with the OS separator and write one group per object, named
 * {@code layers\conv1d} at the root, where every other save has {@code layers/conv1d}. Both read as the path
 * {@code layers/conv1d} here; groups that only exist in the normalised view ({@code layers}) have children but no
 * HDF5 object. The file's own names stay as they are for the ledger.
 */
final class ArchiveGroups {
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Set<String>> children = new LinkedHashMap<>();

    private ArchiveGroups() {}

    static ArchiveGroups of(Group root, int maxGroups) {
        ArchiveGroups out = new ArchiveGroups();
        Set<Long> seen = new HashSet<>();
        Deque<Map.Entry<String, Group>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", root));
        while (!todo.isEmpty()) {
            Map.Entry<String, Group> e = todo.pop();
            if (!seen.add(e.getValue().getAddress())) {
                continue;
            }
            if (seen.size() > maxGroups) {
                throw new IllegalStateException("more than " + maxGroups + " groups");
            }
            for (Node n : e.getValue().getChildren().values()) {
                if (n instanceof Group g && !n.isLink()) {
                    String path = out.add(e.getKey(), n.getName(), g);
                    todo.push(Map.entry(path, g));
                }
            }
        }
        return out;
    }

    /** A path with Windows separators turned into '/'. */
    static String normalize(String path) {
        return path.replace('\\', '/');
    }

    private String add(String parent, String linkName, Group g) {
        String path = parent;
        for (String part : normalize(linkName).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            children.computeIfAbsent(path, k -> new LinkedHashSet<>()).add(part);
            path = path.isEmpty() ? part : path + "/" + part;
        }
        groups.put(path, g);
        return path;
    }

    /** Names of the groups directly below {@code path} (normalised), empty when there are none. */
    List<String> children(String path) {
        return new ArrayList<>(children.getOrDefault(path, Set.of()));
    }

    boolean exists(String path) {
        return groups.containsKey(path) || children.containsKey(path);
    }

    /** The layer name Keras 3.6+ stores on a layer's {@code vars} group, or null. */
    String varsName(String layerPath) {
        Group vars = groups.get(layerPath + "/vars");
        return vars == null ? null : H5Walker.stringAttr(vars, "name").orElse(null);
    }
}
