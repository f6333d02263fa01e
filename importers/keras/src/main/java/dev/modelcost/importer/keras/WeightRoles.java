package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.TensorRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Roles of Keras weights: from a dataset's base name (Keras 2/3 "kernel", "moving_mean"; Keras 1
 * "dense_1_W", "lstm_1_U_i", "bn_1_running_std"), and for Keras 3 archives, whose variables are only
 * numbered, from the owning layer's class and config.
 */
final class WeightRoles {
    private static final Pattern K1_WEIGHT = Pattern.compile(".*_(W|U)(_[a-z])?$");
    private static final Pattern K1_BIAS = Pattern.compile(".*_b(_[a-z])?$");

    private WeightRoles() {}

    /**
     * Variables Keras creates with {@code trainable=False} besides BatchNormalization's moving statistics, by layer
     * class (keras.layers preprocessing: Normalization's adapted mean, variance and sample count; Discretization's
     * quantile summary; the TF-IDF weights and token counts of the lookup layers and TextVectorization). A model's
     * own optimizer keeps no slot for them.
     */
    private static final Map<String, Set<String>> STATE = Map.of(
            "Normalization", Set.of("mean", "variance", "count"),
            "Discretization", Set.of("summary"),
            "StringLookup", Set.of("idf_weights", "token_counts"),
            "IntegerLookup", Set.of("idf_weights", "token_counts"),
            "TextVectorization", Set.of("idf_weights", "token_counts"));

    /** True for a variable {@code base} that layers of class {@code cls} hold as non-trainable state. */
    static boolean isState(String cls, String base) {
        return cls != null && STATE.getOrDefault(cls, Set.of()).contains(base);
    }

    /** The role of variable {@code base} of a layer of class {@code cls} (null when unknown). */
    static TensorRole of(String cls, String base) {
        if ("Normalization".equals(cls) && isState(cls, base)) {
            return TensorRole.NORM_STATISTIC;
        }
        return byName(base);
    }

    /** The role a base name implies; OTHER_PARAMETER for names that say nothing (PReLU alpha, quantizers). */
    static TensorRole byName(String b) {
        if (b.equals("moving_mean")
                || b.equals("moving_variance")
                || b.endsWith("_moving_mean")
                || b.endsWith("_moving_variance")
                || b.endsWith("_running_mean")
                || b.endsWith("_running_std")
                || b.equals("running_mean")
                || b.equals("running_std")) {
            return TensorRole.NORM_STATISTIC;
        }
        if (b.equals("gamma") || b.equals("beta") || b.endsWith("_gamma") || b.endsWith("_beta")) {
            return TensorRole.NORM_SCALE_SHIFT;
        }
        if (b.equals("kernel")
                || b.equals("recurrent_kernel")
                || b.equals("depthwise_kernel")
                || b.equals("pointwise_kernel")
                || b.equals("embeddings")
                || b.endsWith("_kernel")
                || K1_WEIGHT.matcher(b).matches()) {
            return TensorRole.WEIGHT;
        }
        if (b.equals("bias") || b.endsWith("_bias") || K1_BIAS.matcher(b).matches()) {
            return TensorRole.BIAS;
        }
        return TensorRole.OTHER_PARAMETER;
    }

    /**
     * Names of a Keras 3 layer's variables in saving order, or null when the class is not known.
     * {@code sub} is the path of the variables' owner below the layer group ("" for the layer itself,
     * "cell", "forward_layer/cell", "_query_dense", ...).
     */
    static List<String> keras3Vars(String cls, Map<String, Object> cfg, String sub) {
        if (cls.equals("Bidirectional") || cls.equals("TimeDistributed")) {
            Object inner = cfg.get("layer");
            String innerSub = sub.contains("/") ? sub.substring(sub.indexOf('/') + 1) : "";
            if (sub.startsWith("forward_layer") || sub.startsWith("backward_layer") || sub.startsWith("layer")) {
                Object backward = cfg.get("backward_layer");
                Object which = sub.startsWith("backward_layer") && backward != null ? backward : inner;
                return keras3Vars(KerasObject.className(which), KerasObject.config(which), innerSub);
            }
            return keras3Vars(KerasObject.className(inner), KerasObject.config(inner), sub);
        }
        boolean bias = JsonValues.bool(cfg, "use_bias", true);
        List<String> v = new ArrayList<>();
        switch (cls) {
            case "Dense",
                    "EinsumDense",
                    "Conv1D",
                    "Conv2D",
                    "Conv3D",
                    "Conv1DTranspose",
                    "Conv2DTranspose",
                    "Conv3DTranspose" -> {
                v.add("kernel");
                if (bias) {
                    v.add("bias");
                }
            }
            case "DepthwiseConv1D", "DepthwiseConv2D" -> {
                v.add("depthwise_kernel");
                if (bias) {
                    v.add("bias");
                }
            }
            case "SeparableConv1D", "SeparableConv2D" -> {
                v.add("depthwise_kernel");
                v.add("pointwise_kernel");
                if (bias) {
                    v.add("bias");
                }
            }
            case "BatchNormalization" -> {
                if (JsonValues.bool(cfg, "scale", true)) {
                    v.add("gamma");
                }
                if (JsonValues.bool(cfg, "center", true)) {
                    v.add("beta");
                }
                v.add("moving_mean");
                v.add("moving_variance");
            }
            case "LayerNormalization", "GroupNormalization", "UnitNormalization", "RMSNormalization" -> {
                if (JsonValues.bool(cfg, "scale", true)) {
                    v.add("gamma");
                }
                if (JsonValues.bool(cfg, "center", true) && !cls.equals("RMSNormalization")) {
                    v.add("beta");
                }
            }
            case "Embedding" -> v.add("embeddings");
            case "Normalization" -> {
                v.add("mean");
                v.add("variance");
                v.add("count");
            }
            case "PReLU" -> v.add("alpha");
            case "LSTM",
                    "GRU",
                    "SimpleRNN",
                    "LSTMCell",
                    "GRUCell",
                    "SimpleRNNCell",
                    "ConvLSTM1D",
                    "ConvLSTM2D",
                    "ConvLSTM3D" -> {
                v.add("kernel");
                v.add("recurrent_kernel");
                if (bias) {
                    v.add("bias");
                }
            }
            case "MultiHeadAttention" -> {
                v.add("kernel");
                if (bias) {
                    v.add("bias");
                }
            }
            default -> {
                return null;
            }
        }
        return v;
    }
}
