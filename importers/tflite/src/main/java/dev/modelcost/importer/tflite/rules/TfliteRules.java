package dev.modelcost.importer.tflite.rules;

import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;
import dev.modelcost.importer.tflite.TfliteSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rules for TFLite builtin operators (domain "tflite"), keyed by the builtin's name. A TFLite file stores the
 * shape of every tensor, so output types come from the file; the rules add MACs, parameter roles and memory use.
 */
public final class TfliteRules implements OpRuleProvider {
    public static final String DOMAIN = "tflite";
    /** Custom operators have no rule: they are reported as unknown, by their custom code. */
    public static final String CUSTOM_DOMAIN = "tflite.custom";

    /** Builtins that do no multiply-accumulates by this project's convention (elementwise, pooling, data movement). */
    private static final Set<String> NO_MACS = Set.of(
            "ADD",
            "SUB",
            "MUL",
            "DIV",
            "MAXIMUM",
            "MINIMUM",
            "SQUARED_DIFFERENCE",
            "POW",
            "FLOOR_DIV",
            "FLOOR_MOD",
            "ADD_N",
            "ABS",
            "NEG",
            "EXP",
            "LOG",
            "SQRT",
            "RSQRT",
            "SQUARE",
            "SIN",
            "COS",
            "FLOOR",
            "CEIL",
            "ROUND",
            "SIGN",
            "LOGISTIC",
            "TANH",
            "RELU",
            "RELU6",
            "RELU_N1_TO_1",
            "RELU_0_TO_1",
            "LEAKY_RELU",
            "PRELU",
            "ELU",
            "HARD_SWISH",
            "GELU",
            "SOFTMAX",
            "LOG_SOFTMAX",
            "AVERAGE_POOL_2D",
            "MAX_POOL_2D",
            "L2_POOL_2D",
            "MEAN",
            "SUM",
            "REDUCE_MAX",
            "REDUCE_MIN",
            "REDUCE_PROD",
            "REDUCE_ANY",
            "REDUCE_ALL",
            "ARG_MAX",
            "ARG_MIN",
            "CONCATENATION",
            "PACK",
            "UNPACK",
            "SPLIT",
            "SPLIT_V",
            "SLICE",
            "STRIDED_SLICE",
            "GATHER",
            "GATHER_ND",
            "PAD",
            "PADV2",
            "MIRROR_PAD",
            "TRANSPOSE",
            "TILE",
            "BROADCAST_TO",
            "DEPTH_TO_SPACE",
            "SPACE_TO_DEPTH",
            "BATCH_TO_SPACE_ND",
            "SPACE_TO_BATCH_ND",
            "RESIZE_BILINEAR",
            "RESIZE_NEAREST_NEIGHBOR",
            "QUANTIZE",
            "DEQUANTIZE",
            "CAST",
            "SHAPE",
            "RANK",
            "FILL",
            "ZEROS_LIKE",
            "RANGE",
            "SELECT",
            "SELECT_V2",
            "LESS",
            "LESS_EQUAL",
            "GREATER",
            "GREATER_EQUAL",
            "EQUAL",
            "NOT_EQUAL",
            "LOGICAL_AND",
            "LOGICAL_OR",
            "LOGICAL_NOT",
            "L2_NORMALIZATION",
            "LOCAL_RESPONSE_NORMALIZATION",
            "EMBEDDING_LOOKUP",
            "ONE_HOT",
            "CUMSUM",
            "REVERSE_V2",
            "DENSIFY",
            "BROADCAST_ARGS",
            "VAR_HANDLE",
            "READ_VARIABLE",
            "ASSIGN_VARIABLE");

    /** Builtins whose output reinterprets the input's buffer (the micro interpreter shares it). */
    private static final Set<String> VIEWS = Set.of("RESHAPE", "SQUEEZE", "EXPAND_DIMS");

    private static final List<OpRule> RULES = build();

    private static List<OpRule> build() {
        Set<String> weighted = new HashSet<>();
        List<OpRule> rules = new ArrayList<>();
        for (WeightedRule.Kind k : WeightedRule.Kind.values()) {
            weighted.add(k.name());
            rules.add(new WeightedRule(k));
        }
        // One rule per kind of builtin: shapes as stored; MACs 0 or unknown; outputs new or views of the input.
        Map<String, List<String>> byKind = new TreeMap<>();
        for (String name : TfliteSchema.builtinNames()) {
            if (!weighted.contains(name)) {
                String kind = VIEWS.contains(name) ? "view" : NO_MACS.contains(name) ? "noMacs" : "unknownMacs";
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(name);
            }
        }
        byKind.forEach((kind, names) -> rules.add(new DeclaredShapeRule(
                names, !kind.equals("unknownMacs"), kind.equals("view") ? Allocation.VIEW : Allocation.NEW)));
        return List.copyOf(rules);
    }

    /** Input positions of the weight and (where there is one) the bias of a builtin; empty for others. */
    public static int[] weightAndBiasInputs(String builtin) {
        for (WeightedRule.Kind k : WeightedRule.Kind.values()) {
            if (k.name().equals(builtin)) {
                return k.bias() < 0 ? new int[] {k.weight()} : new int[] {k.weight(), k.bias()};
            }
        }
        return new int[0];
    }

    @Override
    public List<OpRule> rules() {
        return RULES;
    }
}
