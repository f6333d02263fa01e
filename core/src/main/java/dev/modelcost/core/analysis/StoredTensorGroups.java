package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.report.LayerRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Table rows for stored parameters that no node uses, with their elements split by the roles the tensors carry
 * (weights, biases, the rest), so that the rows add up to the parameter summary role by role.
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
        LayerRow r = grouped(tensors, t -> name).get(0);
        return new LayerRow(r.name(), "-", r.output(), 0, r.parameters(), r.weights(), r.biases(), 0L);
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
        long all = 0;
        long weights = 0;
        long biases = 0;
        DType dtype = members.get(0).dtype();
        for (Tensor t : members) {
            long n = t.elementCount().orElse(0);
            all += n;
            weights += t.declaredRole() == TensorRole.WEIGHT ? n : 0;
            biases += t.declaredRole() == TensorRole.BIAS ? n : 0;
            dtype = t.dtype() == dtype ? dtype : DType.UNKNOWN;
        }
        TensorType type = members.size() == 1
                ? new TensorType(dtype, members.get(0).shape())
                : new TensorType(dtype, Shape.UNKNOWN_RANK);
        return new LayerRow(name, LayerRow.STORED_OP, type, 0, all, weights, biases, null);
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
