package dev.modelcost.core.ir;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The roles of tensors that formats without a graph (safetensors, GGUF) name but do not describe. The convention
 * (README, "Roles from tensor names"): the name is split at '.', '/' and ':'; its last segment is the tensor's own
 * name and the one before it its owner.
 * <ul>
 *   <li>integer and bool tensors are constants (indices, counters such as {@code num_batches_tracked}, masks);</li>
 *   <li>{@code running_mean}, {@code running_var}, {@code moving_mean}, {@code moving_variance} are normalisation
 *       statistics;</li>
 *   <li>{@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code scale} of an owner whose name says norm
 *       ({@code norm}, {@code layernorm}, {@code ln_f}, {@code ln1}, {@code bn1}, {@code attn_norm}, ...) are
 *       normalisation scale and shift;</li>
 *   <li>{@code bias} and {@code *_bias} are biases; {@code weight}, {@code *_weight}, {@code kernel} and
 *       {@code embeddings} are weights;</li>
 *   <li>quantization state ({@code scales}, {@code qzeros}, {@code g_idx}, {@code absmax}, {@code quant_map},
 *       {@code quant_state.*}, {@code weight_scale}, {@code SCB}) is a constant: stored, but not a parameter;</li>
 *   <li>any other floating-point tensor is an other parameter.</li>
 * </ul>
 */
public final class TensorNameRoles {
    private static final Set<String> STATISTICS =
            Set.of("running_mean", "running_var", "running_std", "moving_mean", "moving_variance");
    private static final Set<String> AFFINE = Set.of("weight", "bias", "gamma", "beta", "scale");
    private static final Set<String> QUANT_STATE = Set.of(
            "scales",
            "qzeros",
            "g_idx",
            "absmax",
            "quant_map",
            "nested_absmax",
            "nested_quant_map",
            "weight_scale",
            "input_scale",
            "scb",
            "weight_format");
    /** Owners that are normalisation layers: "norm" anywhere, or ln/bn/gn with an optional suffix (ln_f, ln1, bn2). */
    private static final Pattern NORM_OWNER = Pattern.compile(".*norm.*|(ln|bn|gn)(_?[a-z0-9]*)?");

    private TensorNameRoles() {}

    public static TensorRole roleOf(String name, DType dtype) {
        String[] segments = name.toLowerCase(Locale.ROOT).split("[./:]");
        String own = segments.length == 0 ? "" : segments[segments.length - 1];
        String owner = segments.length < 2 ? "" : segments[segments.length - 2];
        if (!dtype.isFloating()
                || QUANT_STATE.contains(own)
                || owner.startsWith("quant_state")
                || own.startsWith("quant_state")) {
            return TensorRole.CONSTANT;
        }
        if (STATISTICS.contains(own)) {
            return TensorRole.NORM_STATISTIC;
        }
        if (AFFINE.contains(own) && NORM_OWNER.matcher(owner).matches()) {
            return TensorRole.NORM_SCALE_SHIFT;
        }
        if (own.equals("bias") || own.endsWith("_bias")) {
            return TensorRole.BIAS;
        }
        if (own.equals("weight") || own.endsWith("_weight") || own.equals("kernel") || own.equals("embeddings")) {
            return TensorRole.WEIGHT;
        }
        return TensorRole.OTHER_PARAMETER;
    }
}
