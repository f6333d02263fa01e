package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.DimArithmetic;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;

import java.util.Map;
import java.util.TreeMap;

/**
 * The standard-domain rules that ship with core, in one sorted table keyed by (domain, op, since-version).
 * An op gets several keys where its inputs or attributes changed meaning (Slice 10, ReduceSum 13, Resize 11,
 * ...); the registry picks the newest key not newer than the model's opset.
 */
public final class BuiltInRules implements OpRuleProvider {
    static final String TRAINING = "ai.onnx.preview.training";

    @Override
    public Map<OpKey, OpRule> rules() {
        TreeMap<OpKey, OpRule> m = new TreeMap<>();
        elementwise(m);
        shapes(m);
        networks(m);
        reductions(m);
        dataDependent(m);
        sequencesAndControlFlow(m);
        quantization(m);
        training(m);
        signalsAndText(m);
        ExtraDomainRules.add(m);
        return m;
    }

    private static void elementwise(Map<OpKey, OpRule> m) {
        OpRule activation = new ActivationRule();
        for (String op : new String[] {"LeakyRelu", "Elu", "Selu", "Celu", "Gelu", "Sigmoid", "HardSigmoid",
            "HardSwish", "Tanh", "Softplus", "Softsign", "Mish", "ThresholdedRelu", "Clip", "Softmax", "LogSoftmax",
            "Hardmax", "Log", "Erf", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
            "Shrink", "BitwiseNot"}) {
            put(m, op, activation);
        }
        put(m, "Clip", 11, activation); // min and max become inputs (constants, not parameters)
        put(m, "Relu", new UnaryMathRule(x -> Math.max(x, 0)));
        put(m, "Neg", new UnaryMathRule(x -> -x));
        put(m, "Abs", new UnaryMathRule(Math::abs));
        put(m, "Ceil", new UnaryMathRule(Math::ceil));
        put(m, "Floor", new UnaryMathRule(Math::floor));
        put(m, "Round", new UnaryMathRule(Math::rint));
        put(m, "Sqrt", new UnaryMathRule(Math::sqrt));
        put(m, "Exp", new UnaryMathRule(Math::exp));
        put(m, "Reciprocal", new UnaryMathRule(x -> 1 / x));
        put(m, "Sign", new UnaryMathRule(Math::signum));
        put(m, "Not", new UnaryMathRule(x -> x == 0 ? 1 : 0));
        put(m, "IsNaN", new SameShapeRule(DType.BOOL, TensorRole.CONSTANT));
        put(m, "IsInf", new SameShapeRule(DType.BOOL, TensorRole.CONSTANT));
        put(m, "PRelu", new PReluRule());
        put(m, "Add", new BinaryRule(Math::addExact, Double::sum, false).withDims(DimArithmetic::add));
        put(m, "Sum", new BinaryRule(Math::addExact, Double::sum, false));
        put(m, "Sub", new BinaryRule(Math::subtractExact, (a, b) -> a - b, false).withDims(DimArithmetic::sub));
        put(m, "Mul", new BinaryRule(Math::multiplyExact, (a, b) -> a * b, false).withDims(DimArithmetic::mul));
        put(m, "Div", new BinaryRule(BinaryRule::divide, (a, b) -> a / b, false).withDims(DimArithmetic::divExact));
        put(m, "Max", new BinaryRule(Math::max, Math::max, false));
        put(m, "Min", new BinaryRule(Math::min, Math::min, false));
        put(m, "Mod", new BinaryRule(Math::floorMod, (a, b) -> a % b, false));
        put(m, "Pow", new BinaryRule(null, Math::pow, false));
        for (String op : new String[] {"Mean", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor"}) {
            put(m, op, new BinaryRule(null, false));
        }
        put(m, "Equal", new BinaryRule((a, b) -> BinaryRule.bool(a == b), (a, b) -> a == b ? 1 : 0, true));
        put(m, "Less", new BinaryRule((a, b) -> BinaryRule.bool(a < b), (a, b) -> a < b ? 1 : 0, true));
        put(m, "Greater", new BinaryRule((a, b) -> BinaryRule.bool(a > b), (a, b) -> a > b ? 1 : 0, true));
        put(m, "LessOrEqual", new BinaryRule((a, b) -> BinaryRule.bool(a <= b), (a, b) -> a <= b ? 1 : 0, true));
        put(m, "GreaterOrEqual", new BinaryRule((a, b) -> BinaryRule.bool(a >= b), (a, b) -> a >= b ? 1 : 0, true));
        put(m, "And", new BinaryRule((a, b) -> BinaryRule.bool(a != 0 && b != 0), null, true));
        put(m, "Or", new BinaryRule((a, b) -> BinaryRule.bool(a != 0 || b != 0), null, true));
        put(m, "Xor", new BinaryRule((a, b) -> BinaryRule.bool(a != 0 ^ b != 0), null, true));
        put(m, "Where", new WhereRule());
        for (String op : new String[] {"CumSum", "Trilu", "ReverseSequence", "LRN", "MeanVarianceNormalization",
            "ScatterElements", "Scatter", "ScatterND", "LpNormalization"}) {
            put(m, op, new SameShapeRule());
        }
        put(m, "CastLike", new TypeFromRule(true));
        for (String op : new String[] {"EyeLike", "Bernoulli", "RandomUniformLike", "RandomNormalLike"}) {
            put(m, op, new TypeFromRule(false));
        }
        put(m, "RandomNormal", new RandomRule());
        put(m, "RandomUniform", new RandomRule());
    }

    private static void shapes(Map<OpKey, OpRule> m) {
        put(m, "Concat", new ConcatRule());
        put(m, "Flatten", new FlattenRule());
        put(m, "Reshape", new ReshapeRule());
        put(m, "Reshape", 5, new ReshapeRule());
        put(m, "Squeeze", new SqueezeRule(false));
        put(m, "Squeeze", 13, new SqueezeRule(false));
        put(m, "Unsqueeze", new SqueezeRule(true));
        put(m, "Unsqueeze", 13, new SqueezeRule(true));
        put(m, "Identity", new ViewRule());
        put(m, "Dropout", new ViewRule());
        put(m, "Dropout", 12, new ViewRule()); // ratio and training_mode become inputs
        put(m, "Transpose", new TransposeRule());
        put(m, "Pad", new PadRule());
        put(m, "Pad", 11, new PadRule());
        put(m, "Shape", new ShapeOfRule());
        put(m, "Size", new SizeRule());
        put(m, "Gather", new GatherRule());
        put(m, "GatherElements", new GatherElementsRule());
        put(m, "GatherND", new GatherNDRule());
        put(m, "Constant", new ConstantRule());
        put(m, "ConstantOfShape", new ConstantOfShapeRule());
        put(m, "Cast", new CastRule());
        put(m, "Range", new RangeRule());
        put(m, "Expand", new ExpandRule());
        put(m, "Tile", new TileRule());
        put(m, "Slice", new SliceRule(false));
        put(m, "Slice", 10, new SliceRule(true));
        put(m, "Split", new SplitRule());
        put(m, "Split", 13, new SplitRule());
        put(m, "Split", 18, new SplitRule());
        put(m, "Upsample", 7, new ResizeRule(-1, -1));
        put(m, "Upsample", 9, new ResizeRule(1, -1));
        put(m, "Resize", 10, new ResizeRule(1, -1));
        put(m, "Resize", 11, new ResizeRule(2, 3));
        put(m, "Resize", 18, new ResizeRule(2, 3));
        put(m, "DepthToSpace", new DepthToSpaceRule(true));
        put(m, "SpaceToDepth", new DepthToSpaceRule(false));
        put(m, "OneHot", new OneHotRule());
        put(m, "MaxUnpool", new MaxUnpoolRule());
        put(m, "Det", new GeometryRule(GeometryRule.Kind.DET));
        put(m, "GridSample", new GeometryRule(GeometryRule.Kind.GRID_SAMPLE));
        put(m, "RoiAlign", new GeometryRule(GeometryRule.Kind.ROI_ALIGN));
    }

    private static void networks(Map<OpKey, OpRule> m) {
        put(m, "Conv", new ConvRule());
        put(m, "ConvTranspose", new ConvTransposeRule());
        put(m, "Gemm", new GemmRule());
        put(m, "MatMul", new MatMulRule());
        put(m, "Einsum", new EinsumRule());
        put(m, "BatchNormalization", new BatchNormRule());
        put(m, "InstanceNormalization", new NormalizationRule(false));
        put(m, "GroupNormalization", new NormalizationRule(false));
        put(m, "LayerNormalization", new NormalizationRule(true));
        for (String op : new String[] {"MaxPool", "AveragePool", "LpPool"}) {
            put(m, op, new PoolRule());
        }
        for (String op : new String[] {"GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"}) {
            put(m, op, new GlobalPoolRule());
        }
        put(m, "RNN", new RecurrentRule(1));
        put(m, "GRU", new RecurrentRule(3));
        put(m, "LSTM", new RecurrentRule(4));
    }

    private static void reductions(Map<OpKey, OpRule> m) {
        put(m, "ReduceSum", new ReduceRule(false, false, Math::addExact));
        put(m, "ReduceSum", 13, new ReduceRule(true, false, Math::addExact));
        put(m, "ReduceProd", new ReduceRule(false, false, Math::multiplyExact));
        put(m, "ReduceProd", 18, new ReduceRule(true, false, Math::multiplyExact));
        put(m, "ReduceMax", new ReduceRule(false, false, Math::max));
        put(m, "ReduceMax", 18, new ReduceRule(true, false, Math::max));
        put(m, "ReduceMin", new ReduceRule(false, false, Math::min));
        put(m, "ReduceMin", 18, new ReduceRule(true, false, Math::min));
        for (String op : new String[] {"ReduceMean", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"}) {
            put(m, op, new ReduceRule(false, false, null));
            put(m, op, 18, new ReduceRule(true, false, null));
        }
        put(m, "ArgMax", new ReduceRule(false, true, null));
        put(m, "ArgMin", new ReduceRule(false, true, null));
        put(m, "TopK", new TopKRule());
        put(m, "TopK", 10, new TopKRule());
    }

    private static void dataDependent(Map<OpKey, OpRule> m) {
        put(m, "NonZero", new NonZeroRule());
        put(m, "Compress", new CompressRule());
        put(m, "Unique", new UniqueRule());
        put(m, "NonMaxSuppression", new NonMaxSuppressionRule());
    }

    private static void sequencesAndControlFlow(Map<OpKey, OpRule> m) {
        put(m, "SequenceEmpty", new SequenceRule(SequenceRule.Kind.EMPTY));
        put(m, "SequenceConstruct", new SequenceRule(SequenceRule.Kind.CONSTRUCT));
        put(m, "SequenceInsert", new SequenceRule(SequenceRule.Kind.INSERT));
        put(m, "SequenceErase", new SequenceRule(SequenceRule.Kind.ERASE));
        put(m, "SequenceAt", new SequenceRule(SequenceRule.Kind.AT));
        put(m, "SequenceLength", new SequenceRule(SequenceRule.Kind.LENGTH));
        put(m, "SplitToSequence", new SplitToSequenceRule());
        put(m, "ConcatFromSequence", new ConcatFromSequenceRule());
        put(m, "SequenceMap", new SequenceMapRule());
        put(m, "Optional", new OptionalRule(false));
        put(m, "OptionalGetElement", new OptionalRule(false));
        put(m, "OptionalHasElement", new OptionalRule(true));
        put(m, "If", new IfRule());
        put(m, "Loop", new LoopRule());
        put(m, "Scan", 8, new ScanRule(true));
        put(m, "Scan", 9, new ScanRule(false));
    }

    private static void quantization(Map<OpKey, OpRule> m) {
        put(m, "QuantizeLinear", new QuantizeLinearRule(QuantizeLinearRule.Kind.QUANTIZE));
        put(m, "DequantizeLinear", new QuantizeLinearRule(QuantizeLinearRule.Kind.DEQUANTIZE));
        put(m, "DynamicQuantizeLinear", new QuantizeLinearRule(QuantizeLinearRule.Kind.DYNAMIC));
        TensorRole c = TensorRole.CONSTANT;
        TensorRole w = TensorRole.WEIGHT;
        put(m, "QLinearConv", new QuantizedRule(new ConvRule(), new int[] {0, 3, 8}, 7,
                new TensorRole[] {null, c, c, w, c, c, c, c, TensorRole.BIAS}));
        put(m, "QLinearMatMul", new QuantizedRule(new MatMulRule(), new int[] {0, 3}, 7,
                new TensorRole[] {w, c, c, w, c, c, c, c}));
        put(m, "ConvInteger", new QuantizedRule(new ConvRule(), new int[] {0, 1}, -1, new TensorRole[] {null, w, c, c}));
        put(m, "MatMulInteger", new QuantizedRule(new MatMulRule(), new int[] {0, 1}, -1, new TensorRole[] {w, w, c, c}));
    }

    private static void training(Map<OpKey, OpRule> m) {
        put(m, "NegativeLogLikelihoodLoss", new LossRule());
        put(m, "SoftmaxCrossEntropyLoss", new LossRule());
        m.put(new OpKey(TRAINING, "Adagrad", 1), new OptimizerRule(3));
        m.put(new OpKey(TRAINING, "Momentum", 1), new OptimizerRule(3));
        m.put(new OpKey(TRAINING, "Adam", 1), new OptimizerRule(4));
        m.put(new OpKey(TRAINING, "Gradient", 1), new GradientRule());
    }

    private static void signalsAndText(Map<OpKey, OpRule> m) {
        put(m, "DFT", new SpectralRule(SpectralRule.Kind.DFT));
        put(m, "STFT", new SpectralRule(SpectralRule.Kind.STFT));
        for (String op : new String[] {"HannWindow", "HammingWindow", "BlackmanWindow"}) {
            put(m, op, new SpectralRule(SpectralRule.Kind.WINDOW));
        }
        put(m, "MelWeightMatrix", new SpectralRule(SpectralRule.Kind.MEL));
        put(m, "StringNormalizer", new TextRule(true));
        put(m, "TfIdfVectorizer", new TextRule(false));
    }

    private static void put(Map<OpKey, OpRule> m, String op, OpRule rule) { put(m, op, 1, rule); }

    private static void put(Map<OpKey, OpRule> m, String op, int since, OpRule rule) {
        m.put(new OpKey("", op, since), rule);
    }
}
