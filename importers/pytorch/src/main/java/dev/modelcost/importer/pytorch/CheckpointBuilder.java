package dev.modelcost.importer.pytorch;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.importer.pytorch.pickle.PickleValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the tensors found in the pickle into the IR: model tensors become stored tensors (each storage region once:
 * a second name for the same region, a tied weight, is an alias, counted once); optimizer state is filed apart as a
 * section of its own; storage bytes no tensor covers (views into a larger storage) are named as such.
 */
final class CheckpointBuilder {
    /** Top-level keys under which checkpoints keep optimizer state (the truth tool's rule). */
    private static final Set<String> OPTIMIZER_KEYS = Set.of("optimizer", "optimizer_state_dict", "optim", "opt");

    private static final Set<String> OPTIMIZER_SLOTS = Set.of(
            "exp_avg", "exp_avg_sq", "max_exp_avg_sq", "momentum_buffer", "square_avg", "acc_delta", "sum", "step");

    private final Map<String, StoredStorage> storages;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final List<FileSection> sections = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private final Map<String, Integer> nextSuffix = new HashMap<>();
    private final Set<String> optimizerSlots = new TreeSet<>();

    CheckpointBuilder(Map<String, StoredStorage> storages) {
        this.storages = storages;
    }

    /** Builds from the found tensors; call once. */
    Graph build(List<TensorWalk.Found> found) {
        Set<String> normModules = new HashSet<>();
        for (TensorWalk.Found f : found) {
            String m = TensorRoles.normModuleOf(f.path());
            if (m != null) {
                normModules.add(m);
            }
        }
        Map<String, String> byRegion = new HashMap<>();
        Map<String, long[]> coveredBytes = new LinkedHashMap<>(); // storage key -> {covered, optimizer?}
        Set<String> modelStorages = new HashSet<>();
        Map<String, CoveredRanges> ranges = new HashMap<>();
        long optimizerBytes = 0;
        long optimizerTensors = 0;
        Set<String> optimizerStorages = new HashSet<>();
        for (TensorWalk.Found f : found) {
            PickleValue.Tensor t = f.tensor();
            StoredStorage s = storage(t.storage().key(), f.name());
            long span = checkedSpan(t, s, f.name());
            int item = StorageTypes.itemBytes(s.typeName());
            long firstElement = t.storage().viewOffsetElements() + t.offsetElements();
            if (isOptimizer(f.path())) {
                optimizerTensors++;
                if (optimizerSlots.size() < 8) {
                    optimizerSlots.add(f.path().get(f.path().size() - 1));
                }
                if (optimizerStorages.add(s.key())) {
                    optimizerBytes += s.lengthBytes();
                }
                continue;
            }
            String region =
                    s.key() + "/" + firstElement + "/" + Arrays.toString(t.size()) + Arrays.toString(t.stride());
            String first = byRegion.putIfAbsent(region, f.name());
            if (first != null) {
                aliases.add("'" + f.name() + "' is '" + first + "' (one storage, counted once)");
                continue;
            }
            modelStorages.add(s.key());
            String name = unique(f.name());
            DType dtype = StorageTypes.dtype(s.typeName());
            TensorRole role = TensorRoles.of(f.path(), dtype, t.size().length, normModules);
            long fresh =
                    ranges.computeIfAbsent(s.key(), k -> new CoveredRanges()).add(firstElement, firstElement + span);
            // A view whose elements an earlier tensor already covers adds only its new bytes (none: absent here).
            Storage where = new Storage(
                    Storage.MODEL_FILE,
                    s.offsetBytes() + firstElement * item,
                    fresh * item,
                    fresh == 0 && span > 0 ? Storage.Encoding.ABSENT : Storage.Encoding.RAW);
            tensors.put(name, new Tensor(name, dtype, Shape.of(t.size()), role, null, where, null));
            coveredBytes.computeIfAbsent(s.key(), k -> new long[1])[0] += fresh * item;
        }
        closeSections(coveredBytes, modelStorages, optimizerStorages, optimizerBytes, optimizerTensors);
        return new Graph("", List.of(), List.of(), List.of(), tensors, Map.of(), Map.of());
    }

    List<FileSection> sections() {
        return sections;
    }

    /** "b is a (one storage, counted once)" for each tied name. */
    List<String> aliases() {
        return aliases;
    }

    private void closeSections(
            Map<String, long[]> covered,
            Set<String> modelStorages,
            Set<String> optimizerStorages,
            long optimizerBytes,
            long optimizerTensors) {
        if (optimizerTensors > 0) {
            sections.add(new FileSection(
                    LedgerCategory.OPTIMIZER_STATE,
                    "optimizer state (" + optimizerTensors + " tensors: " + String.join(", ", optimizerSlots) + ")",
                    "",
                    -1,
                    optimizerBytes,
                    optimizerStorages.size()));
        }
        long uncovered = 0;
        long unused = 0;
        long unusedCount = 0;
        for (StoredStorage s : storages.values()) {
            if (modelStorages.contains(s.key())) {
                uncovered += Math.max(0, s.lengthBytes() - covered.getOrDefault(s.key(), new long[1])[0]);
            } else if (!optimizerStorages.contains(s.key())) {
                unused += s.lengthBytes();
                unusedCount++;
            }
        }
        if (uncovered > 0) {
            sections.add(new FileSection(
                    LedgerCategory.PADDING_AND_FREE_SPACE,
                    "storage bytes no tensor views (a tensor saved as a view keeps its whole storage)",
                    "",
                    -1,
                    uncovered,
                    1));
        }
        if (unused > 0) {
            sections.add(new FileSection(
                    LedgerCategory.CONSTANTS, "storages no tensor of the pickle uses", "", -1, unused, unusedCount));
        }
    }

    static boolean isOptimizer(List<String> path) {
        return !path.isEmpty() && OPTIMIZER_KEYS.contains(path.get(0))
                || path.size() >= 2
                        && path.get(0).equals("state")
                        && OPTIMIZER_SLOTS.contains(path.get(path.size() - 1));
    }

    private StoredStorage storage(String key, String tensor) {
        StoredStorage s = storages.get(key);
        if (s == null) {
            throw new MalformedModelException(
                    (String) null, "tensor '" + tensor + "'", "storage '" + key + "' is not in the file");
        }
        return s;
    }

    /** Elements of the storage the tensor spans: 1 + Σ (size−1)·stride, checked to lie inside its storage. */
    private static long checkedSpan(PickleValue.Tensor t, StoredStorage s, String name) {
        if (t.size().length != t.stride().length) {
            throw malformed(name, "has " + t.size().length + " sizes but " + t.stride().length + " strides");
        }
        long span = 1;
        for (int i = 0; i < t.size().length; i++) {
            if (t.size()[i] < 0 || t.stride()[i] < 0) {
                throw malformed(name, "has a negative size or stride");
            }
            if (t.size()[i] == 0) {
                return 0;
            }
            span = Math.addExact(span, Math.multiplyExact(t.size()[i] - 1, t.stride()[i]));
        }
        long first = Math.addExact(t.storage().viewOffsetElements(), t.offsetElements());
        if (first < 0 || Math.addExact(first, span) > s.elements()) {
            throw malformed(
                    name,
                    "reaches element " + (first + span) + " of storage '" + s.key() + "', which holds " + s.elements());
        }
        return span;
    }

    private static MalformedModelException malformed(String tensor, String problem) {
        return new MalformedModelException((String) null, "tensor '" + tensor + "'", problem);
    }

    private String unique(String name) {
        String base = name.isEmpty() ? "(tensor)" : name;
        // Repeated keys are numbered from where the last repeat stopped: linear, however many repeat.
        int k = nextSuffix.getOrDefault(base, 2);
        String n = base;
        while (tensors.containsKey(n)) {
            n = base + " #" + k++;
        }
        nextSuffix.put(base, k);
        return n;
    }
}
