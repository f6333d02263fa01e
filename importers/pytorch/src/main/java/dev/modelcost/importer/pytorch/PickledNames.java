package dev.modelcost.importer.pytorch;

import dev.modelcost.core.report.Diagnostic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reports the names a pickle refers to. torch.save writes only its rebuild functions, storage classes and
 * OrderedDict; any other callable (a class of the training code, os.system in a hostile file) is what torch.load
 * would import and call. modelcost reads it as a name and reports it; it never resolves or runs it.
 */
final class PickledNames {
    private static final Set<String> TORCH_WRITES = Set.of(
            "collections.OrderedDict",
            "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_tensor",
            "torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state",
            "torch._tensor._rebuild_from_type_v2");

    private PickledNames() {}

    static void report(Map<String, Integer> globals, Map<String, String> metadata, List<Diagnostic> diagnostics) {
        Map<String, Integer> other = new TreeMap<>();
        globals.forEach((name, count) -> {
            boolean storageClass = name.startsWith("torch.") && name.endsWith("Storage");
            if (!TORCH_WRITES.contains(name) && !storageClass) {
                other.put(name, count);
            }
        });
        if (other.isEmpty()) {
            return;
        }
        String names = String.join(", ", other.keySet());
        metadata.put("pickled callables (not run)", names);
        diagnostics.add(Diagnostic.warning("the pickle names " + other.size() + " callable(s) beyond torch's tensor "
                + "rebuilds, which torch.load would import and call: " + names
                + " (modelcost read them as names only; nothing was imported or run)"));
    }
}
