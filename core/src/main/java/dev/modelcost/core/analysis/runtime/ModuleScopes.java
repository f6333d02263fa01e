package dev.modelcost.core.analysis.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python keeps a module's arguments referenced until its {@code forward} returns (the caller's variable and the
 * argument tuple of {@code nn.Module.__call__}), so an input of a module lives at least until the module's last
 * operation, even where the graph reads it for the last time earlier. torch.onnx (1.13 and later) names every node by
 * its module path, {@code /features/features.4/conv/conv.0/conv.0.0/Conv}; a value produced outside a scope and read
 * inside it is that scope's argument and stays alive to the scope's last node. Files whose node names are not module
 * paths keep their lifetimes.
 */
final class ModuleScopes {
    private ModuleScopes() {}

    /** Extends the lifetime of every module argument in {@code buffers} to the end of its module. */
    static void holdArguments(ExecGraph eg, Buffers buffers) {
        List<List<String>> scopes = new ArrayList<>();
        Map<String, Integer> end = new HashMap<>();
        Map<String, Integer> producer = new HashMap<>();
        for (int k = 0; k < eg.steps().size(); k++) {
            ExecGraph.Step s = eg.steps().get(k);
            List<String> own = scopesOf(s.node() == null ? "" : s.node().name());
            scopes.add(own);
            for (String p : own) {
                end.put(p, k);
            }
            for (String out : s.outputs()) {
                producer.put(out, k);
            }
        }
        for (int k = 0; k < eg.steps().size(); k++) {
            for (String in : eg.steps().get(k).inputs()) {
                Integer p = producer.get(in);
                Set<String> inside = p == null ? Set.of() : new HashSet<>(scopes.get(p));
                for (String scope : scopes.get(k)) {
                    if (!inside.contains(scope)) {
                        buffers.extend(in, end.get(scope));
                    }
                }
            }
        }
    }

    /** "/a/a.b/Conv" → ["/a", "/a/a.b"]; names that are not module paths have no scopes. */
    static List<String> scopesOf(String nodeName) {
        if (!nodeName.startsWith("/")) {
            return List.of();
        }
        String[] parts = nodeName.substring(1).split("/", -1);
        List<String> out = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                return List.of();
            }
            path.append('/').append(parts[i]);
            out.add(path.toString());
        }
        return out;
    }
}
