package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;

import java.util.Map;
import java.util.TreeMap;

/** The standard-domain rules that ship with core, in one sorted table. */
public final class BuiltInRules implements OpRuleProvider {

    @Override
    public Map<OpKey, OpRule> rules() {
        TreeMap<OpKey, OpRule> m = new TreeMap<>();
        OpRule activation = new ActivationRule();
        for (String op : new String[] {"Relu", "LeakyRelu", "Elu", "Selu", "Celu", "Gelu", "Sigmoid", "HardSigmoid",
            "HardSwish", "Tanh", "Softplus", "Softsign", "Mish", "ThresholdedRelu", "Clip", "Softmax", "LogSoftmax",
            "Hardmax", "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Erf", "Floor", "Ceil", "Round", "Sign",
            "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Not",
            "IsNaN", "IsInf", "Shrink"}) {
            put(m, op, activation);
        }
        put(m, "PRelu", new PReluRule());
        for (String op : new String[] {"Add", "Sum"}) {
            put(m, op, new BinaryRule(Math::addExact, false));
        }
        put(m, "Sub", new BinaryRule(Math::subtractExact, false));
        put(m, "Mul", new BinaryRule(Math::multiplyExact, false));
        put(m, "Div", new BinaryRule(BinaryRule::divide, false));
        put(m, "Max", new BinaryRule(Math::max, false));
        put(m, "Min", new BinaryRule(Math::min, false));
        put(m, "Mod", new BinaryRule(Math::floorMod, false));
        for (String op : new String[] {"Pow", "Mean", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor"}) {
            put(m, op, new BinaryRule(null, false));
        }
        for (String op : new String[] {"Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor"}) {
            put(m, op, new BinaryRule(null, true));
        }
        put(m, "Concat", new ConcatRule());
        put(m, "Conv", new ConvRule());
        put(m, "ConvTranspose", new ConvTransposeRule());
        put(m, "Gemm", new GemmRule());
        put(m, "MatMul", new MatMulRule());
        put(m, "BatchNormalization", new BatchNormRule());
        for (String op : new String[] {"MaxPool", "AveragePool", "LpPool"}) {
            put(m, op, new PoolRule());
        }
        for (String op : new String[] {"GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"}) {
            put(m, op, new GlobalPoolRule());
        }
        put(m, "Flatten", new FlattenRule());
        put(m, "Reshape", new ReshapeRule());
        put(m, "Squeeze", new SqueezeRule(false));
        put(m, "Unsqueeze", new SqueezeRule(true));
        put(m, "Identity", new ViewRule());
        put(m, "Dropout", new ViewRule());
        put(m, "Transpose", new TransposeRule());
        put(m, "Pad", new PadRule());
        put(m, "Shape", new ShapeOfRule());
        put(m, "Gather", new GatherRule());
        put(m, "Constant", new ConstantRule());
        put(m, "Cast", new CastRule());
        return m;
    }

    private static void put(Map<OpKey, OpRule> m, String op, OpRule rule) {
        m.put(new OpKey("", op, 1), rule);
    }
}
