package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * tf.keras's TFOpLambda: a TensorFlow function called on Keras tensors ({@code x + y}, {@code tf.nn.relu(x)},
 * {@code tf.reshape(x, [-1, 4, 4])}), named by the config's {@code function} ("math.add", "__operators__.add",
 * "reshape"); its constant arguments are the call's keyword arguments (attributes "call.*"). Element-wise functions
 * broadcast their tensor operands (a constant operand leaves the shape as it is); reshape takes its target from the
 * call; any other function's output is unknown, and the diagnostic names it.
 */
final class TfOpLambdaRule implements OpRule {
    private static final OpRule BROADCAST = new MergeRule(MergeRule.Kind.ELEMENTWISE);

    /** Functions whose output has the broadcast shape of their tensor operands. */
    static final Set<String> ELEMENTWISE = Set.of(
            "__operators__.add",
            "__operators__.sub",
            "__operators__.mul",
            "__operators__.truediv",
            "math.add",
            "math.add_n",
            "math.subtract",
            "math.multiply",
            "math.truediv",
            "math.divide",
            "math.maximum",
            "math.minimum",
            "math.pow",
            "math.squared_difference",
            "nn.bias_add",
            "math.sigmoid",
            "math.tanh",
            "math.exp",
            "math.log",
            "math.sqrt",
            "math.rsqrt",
            "math.abs",
            "math.negative",
            "math.square",
            "math.reciprocal",
            "math.erf",
            "math.softplus",
            "nn.relu",
            "nn.relu6",
            "nn.elu",
            "nn.selu",
            "nn.gelu",
            "nn.silu",
            "nn.swish",
            "nn.softmax",
            "nn.log_softmax",
            "nn.leaky_relu",
            "nn.softplus",
            "nn.l2_normalize",
            "math.l2_normalize",
            "identity",
            "stop_gradient",
            "clip_by_value",
            "nn.dropout");

    private static String function(Node n) {
        return n.stringAttr("function").orElse("");
    }

    @Override
    public List<OpKey> keys() {
        return KerasRules.layers("TFOpLambda");
    }

    @Override
    public void infer(InferenceContext ctx) {
        String fn = function(ctx.node());
        TensorType x = LayerConfig.firstDataInput(ctx);
        if (ELEMENTWISE.contains(fn)) {
            BROADCAST.infer(ctx);
        } else if (fn.equals("cast") && ctx.node().stringAttr("call.dtype").isPresent()) {
            ctx.setOutput(
                    0, new TensorType(dtype(ctx.node().stringAttr("call.dtype").get(), x.dtype()), x.shape()));
        } else if (fn.equals("reshape") && ctx.node().intsAttr("call.shape").isPresent()) {
            ctx.setOutput(
                    0,
                    x.withShape(reshaped(
                            x.shape(), ctx.node().intsAttr("call.shape").get())));
        } else {
            ctx.diagnose(
                    "TFOpLambda '" + ctx.node().label() + "' calls tf." + fn + ", whose output shape modelcost does not"
                            + " derive: that value and the shapes computed from it are unknown; layers that do not depend on it"
                            + " keep their shapes");
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.UNKNOWN_RANK));
        }
    }

    /** tf.reshape's target: the batch where it says -1 or None first; one other -1 from the element count. */
    static Shape reshaped(Shape in, long[] target) {
        if (!in.hasRank() || in.rank() == 0 || target.length == 0) {
            return Shape.UNKNOWN_RANK;
        }
        List<Dim> out = new ArrayList<>();
        boolean batchFirst = target[0] < 0;
        long known = 1;
        int free = -1;
        for (int i = 0; i < target.length; i++) {
            if (i == 0 && batchFirst) {
                out.add(in.dim(0));
            } else if (target[i] < 0) {
                free = free < 0 ? i : -2;
                out.add(Dim.UNKNOWN);
            } else {
                known = Math.multiplyExact(known, target[i]);
                out.add(Dim.of(target[i]));
            }
        }
        if (free >= 0 && batchFirst) {
            long perSample = 1;
            for (int i = 1; i < in.rank(); i++) {
                if (!in.dim(i).isFixed()) {
                    return Shape.of(out);
                }
                perSample = Math.multiplyExact(perSample, in.dim(i).size());
            }
            if (known > 0 && perSample % known == 0) {
                out.set(free, Dim.of(perSample / known));
            }
        }
        return Shape.of(out);
    }

    private static DType dtype(String name, DType fallback) {
        return switch (name) {
            case "float16" -> DType.FLOAT16;
            case "bfloat16" -> DType.BFLOAT16;
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            case "int32" -> DType.INT32;
            case "int64" -> DType.INT64;
            case "bool" -> DType.BOOL;
            default -> fallback;
        };
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        String fn = function(ctx.node());
        return ELEMENTWISE.contains(fn) || fn.equals("reshape") || fn.equals("cast")
                ? OptionalLong.of(0)
                : OptionalLong.empty();
    }

    @Override
    public Allocation allocation(Node node) {
        return function(node).equals("reshape") ? Allocation.VIEW : Allocation.NEW;
    }

    @Override
    public String shapeRule() {
        return "element-wise tf functions broadcast; tf.reshape from its call's shape; others unknown";
    }

    @Override
    public String costFormula() {
        return "0 MACs for element-wise functions and reshape; unknown for other functions";
    }
}
