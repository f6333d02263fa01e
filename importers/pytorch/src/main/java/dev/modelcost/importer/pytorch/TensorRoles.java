package dev.modelcost.importer.pytorch;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Roles from state-dict names, PyTorch's module conventions: {@code weight}, {@code bias}; a module that also stores
 * {@code running_mean}/{@code running_var} is a batch norm, whose weight and bias are its scale and shift;
 * {@code running_*} are normalisation statistics; {@code num_batches_tracked} is a counter (a constant). Other
 * floating tensors are other parameters, other integer tensors constants.
 */
final class TensorRoles {
    private TensorRoles() {}

    /**
     * @param keys the tensor's path of keys (a state-dict key holds dots itself: "model", "bn1.weight")
     * @param normModules module prefixes (the name before the last '.') that store running statistics
     */
    static TensorRole of(List<String> keys, DType dtype, long rank, Set<String> normModules) {
        List<String> path = segments(keys);
        String last = path.isEmpty() ? "" : path.get(path.size() - 1);
        String module = path.size() < 2 ? "" : String.join(".", path.subList(0, path.size() - 1));
        String moduleName = path.size() < 2 ? "" : path.get(path.size() - 2);
        boolean norm = normModules.contains(module)
                || rank == 1 && moduleName.matches("(?i).*norm.*|ln_?\\d*|bn\\d*|layer_?norm.*");
        return switch (last) {
            case "running_mean", "running_var", "running_std" -> TensorRole.NORM_STATISTIC;
            case "num_batches_tracked" -> TensorRole.CONSTANT;
            case "weight", "bias" -> norm
                    ? TensorRole.NORM_SCALE_SHIFT
                    : last.equals("weight") ? TensorRole.WEIGHT : TensorRole.BIAS;
            default -> dtype.isFloating() ? TensorRole.OTHER_PARAMETER : TensorRole.CONSTANT;
        };
    }

    /** Module prefixes that store running statistics: their weight and bias are a norm's scale and shift. */
    static String normModuleOf(List<String> keys) {
        List<String> path = segments(keys);
        String last = path.isEmpty() ? "" : path.get(path.size() - 1);
        return last.startsWith("running_") && path.size() >= 2
                ? String.join(".", path.subList(0, path.size() - 1))
                : null;
    }

    /** The dotted name's segments, without the attribute names of a whole pickled nn.Module. */
    private static List<String> segments(List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String s : String.join(".", keys).split("\\.", -1)) {
            if (!MODULE_ATTRIBUTES.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** torch.save(model) pickles modules whole: their tensors sit under these attribute dicts. */
    private static final Set<String> MODULE_ATTRIBUTES = Set.of("_parameters", "_buffers", "_modules");
}
