package dev.modelcost.importer.keras;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What variable i of a Keras 3 weights group is when no layer of the configuration says: a group the config does
 * not list (a subclassed model, a {@code .weights.h5} saved without its config) or a sub-object of a custom layer,
 * whose group is named after the attribute that holds it. First from the class the group is named after (Keras
 * names list members by snake-case class and counter: "conv2d_3" is a Conv2D; MultiHeadAttention's projections are
 * "_query_dense" and the like), then from the shapes, in Keras's saving order: a kernel has rank ≥ 2 and its bias is
 * a suffix of its shape; a group of two or four equal vectors is a normalisation's gamma, beta (and moving mean and
 * variance).
 */
final class VariableMeaning {
    private VariableMeaning() {}

    /** Layer classes whose variables WeightRoles knows without a config, by Keras's snake-case group name. */
    private static final Map<String, String> CLASS_BY_GROUP_NAME = new HashMap<>();

    static {
        for (String cls : List.of(
                "Dense",
                "EinsumDense",
                "Conv1D",
                "Conv2D",
                "Conv3D",
                "Conv1DTranspose",
                "Conv2DTranspose",
                "Conv3DTranspose",
                "DepthwiseConv1D",
                "DepthwiseConv2D",
                "SeparableConv1D",
                "SeparableConv2D",
                "BatchNormalization",
                "LayerNormalization",
                "GroupNormalization",
                "Embedding",
                "PReLU",
                "LSTM",
                "GRU",
                "SimpleRNN",
                "MultiHeadAttention",
                "Normalization")) {
            CLASS_BY_GROUP_NAME.put(ArchiveLayout.snakeCase(cls), cls);
        }
        for (String projection : List.of("_query_dense", "_key_dense", "_value_dense", "_output_dense")) {
            CLASS_BY_GROUP_NAME.put(projection, "EinsumDense");
        }
    }

    /** The class a group's name was made from, or null. */
    static String classOfGroup(String groupName) {
        String c = CLASS_BY_GROUP_NAME.get(groupName);
        return c != null ? c : CLASS_BY_GROUP_NAME.get(groupName.replaceFirst("_\\d+$", ""));
    }

    /**
     * The meaning of variable {@code i} of the group at {@code ownerPath} that holds variables of {@code shapes} (in
     * index order), or null when neither the group's name nor the shapes tell.
     */
    static String of(String ownerPath, int i, List<long[]> shapes) {
        String[] parts = ownerPath.split("/");
        String cls = classOfGroup(parts[parts.length - 1]);
        if (cls != null) {
            List<String> names = WeightRoles.keras3Vars(cls, Map.of(), "");
            if (names != null
                    && names.size() == shapes.size() + 1
                    && names.get(names.size() - 1).equals("bias")) {
                names = names.subList(0, shapes.size()); // use_bias=False: the bias is the variable that is missing
            }
            if (names != null && names.size() == shapes.size() && i < names.size()) {
                return names.get(i);
            }
        }
        return byShapes(shapes, i);
    }

    static String byShapes(List<long[]> shapes, int i) {
        if (i < 0 || i >= shapes.size()) {
            return null;
        }
        boolean vectors = shapes.stream().allMatch(s -> s.length == 1 && s[0] == shapes.get(0)[0]);
        if (vectors && shapes.get(0).length == 1 && (shapes.size() == 2 || shapes.size() == 4)) {
            return List.of("gamma", "beta", "moving_mean", "moving_variance").get(i);
        }
        long[] s = shapes.get(i);
        for (int k = 0; k < i && s.length >= 1; k++) {
            long[] kernel = shapes.get(k);
            if (kernel.length >= 2 && isSuffix(s, kernel)) {
                return "bias";
            }
        }
        return s.length >= 2 ? "kernel" : null;
    }

    private static boolean isSuffix(long[] s, long[] of) {
        if (s.length >= of.length) {
            return false;
        }
        for (int j = 0; j < s.length; j++) {
            if (s[s.length - 1 - j] != of[of.length - 1 - j]) {
                return false;
            }
        }
        return true;
    }
}
