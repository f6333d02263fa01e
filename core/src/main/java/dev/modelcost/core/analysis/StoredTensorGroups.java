package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.ParameterUse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Table rows for stored parameters that no node uses, each tensor under the role it carries, so that the rows add up to the parameter summary role by role.
 *
 * <p>A file without a graph (safetensors, GGUF, a PyTorch state dict, Keras weights) gets one row per module: the
 * tensor's name without its last segment ({@code model.layers.0.self_attn.q_proj} for {@code ...q_proj.weight},
 * segments split at '.', '/' and ':' as the role convention reads names). Where that gives more than
 * {@link #MAX_ROWS} rows (a 7B Llama has about 290 tensors), the repeated blocks are grouped coarser, keeping the
 * first segment after the block number ({@code model.layers.0.self_attn}, {@code model.layers.0.mlp}), then the
 * block ({@code blk.0}), then all blocks ({@code model.layers}); modules outside numbered blocks keep their rows.
 */
final class StoredTensorGroups {
    /** At most this many rows where a coarser grouping can bring the count under it. */
    static final int MAX_ROWS = 160;

    private StoredTensorGroups() {}

    /** One row per module, as coarse as needed to stay within {@link #MAX_ROWS}; MACs unknown (no graph). */
    static List<LayerRow> byModule(List<Tensor> tensors) {
        List<LayerRow> rows = List.of();
        for (int level : new int[] {Integer.MAX_VALUE, 1, 0, -1}) {
            rows = grouped(tensors, t -> groupOf(t.name(), level));
            if (rows.size() <= MAX_ROWS) {
                break;
            }
        }
        return rows;
    }

    /** All of {@code tensors} in one row named {@code name}, MACs 0 (no node computes with them). */
    static LayerRow oneRow(String name, List<Tensor> tensors) {
        return new LayerRow(name, "-", TensorType.UNKNOWN, 0, true, uses(tensors), 0L, -1, false);
    }

    private static List<LayerRow> grouped(List<Tensor> tensors, Function<Tensor, String> key) {
        Map<String, List<Tensor>> groups = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            groups.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        }
        List<LayerRow> rows = new ArrayList<>();
        groups.forEach((name, members) -> rows.add(row(name, members)));
        return rows;
    }

    private static LayerRow row(String name, List<Tensor> members) {
        DType dtype = members.get(0).dtype();
        for (Tensor t : members) {
            dtype = t.dtype() == dtype ? dtype : DType.UNKNOWN;
        }
        TensorType type = members.size() == 1
                ? new TensorType(dtype, members.get(0).shape())
                : new TensorType(dtype, Shape.UNKNOWN_RANK);
        return new LayerRow(name, LayerRow.STORED_OP, type, 0, true, uses(members), null, -1, false);
    }

    /** Each tensor with its own role, counted here: no node uses it, so no other row does. */
    private static List<ParameterUse> uses(List<Tensor> tensors) {
        return tensors.stream()
                .map(t -> new ParameterUse(
                        t.name(), t.declaredRole(), t.elementCount().orElse(0), true))
                .toList();
    }

    /**
     * The group of a tensor name at a level: {@code Integer.MAX_VALUE} the module (all but the last segment); otherwise,
     * for a module inside a numbered block, the segments up to the block number and {@code level} more (0: the block;
     * -1: the blocks' container, without the number). A name of one segment is its own group.
     */
    static String groupOf(String name, int level) {
        List<Integer> cuts = new ArrayList<>(); // index of each separator
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '/' || c == ':') {
                cuts.add(i);
            }
        }
        if (cuts.isEmpty()) {
            return name;
        }
        int moduleSegments = cuts.size(); // segments of the module: all but the tensor's own name
        int keep = moduleSegments;
        if (level != Integer.MAX_VALUE) {
            int block = lastNumberedSegment(name, cuts, moduleSegments);
            if (block >= 0) {
                keep = Math.min(moduleSegments, Math.max(1, block + 1 + level));
            }
        }
        return name.substring(0, cuts.get(keep - 1));
    }

    /** Index of the last all-digit segment among the first {@code segments}, or -1. */
    private static int lastNumberedSegment(String name, List<Integer> cuts, int segments) {
        for (int s = segments - 1; s >= 0; s--) {
            int from = s == 0 ? 0 : cuts.get(s - 1) + 1;
            int to = cuts.get(s);
            if (to > from && name.substring(from, to).chars().allMatch(Character::isDigit)) {
                return s;
            }
        }
        return -1;
    }
}
