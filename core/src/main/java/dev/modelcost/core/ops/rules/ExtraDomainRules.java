package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.Map;

/**
 * The common ops of the ai.onnx.ml and com.microsoft (onnxruntime contrib) domains met in published models.
 * Other ops of these domains are reported as unknown.
 */
final class ExtraDomainRules {
    static final String ML = "ai.onnx.ml";
    static final String MS = "com.microsoft";

    private ExtraDomainRules() { }

    static void add(Map<OpKey, OpRule> m) {
        OpRule sameShape = new ActivationRule();
        for (String op : new String[] {"Gelu", "FastGelu", "BiasGelu", "QuickGelu", "BiasAdd", "RotaryEmbedding", "Inverse"}) {
            ms(m, op, sameShape);
        }
        for (String op : new String[] {"SkipLayerNormalization", "SkipSimplifiedLayerNormalization",
            "SimplifiedLayerNormalization", "LayerNormalization"}) {
            ms(m, op, new NormalizationRule(false));
        }
        ms(m, "Attention", new AttentionRule(true));
        ms(m, "MultiHeadAttention", new AttentionRule(false));
        ms(m, "GroupQueryAttention", new AttentionRule(false));
        ms(m, "EmbedLayerNormalization", new EmbedLayerNormRule());
        ms(m, "FusedMatMul", new MatMulRule());
        ms(m, "FusedConv", new ConvRule());
        ms(m, "FusedGemm", new GemmRule());
        ms(m, "QuantizeLinear", new QuantizeLinearRule(QuantizeLinearRule.Kind.QUANTIZE));
        ms(m, "DequantizeLinear", new QuantizeLinearRule(QuantizeLinearRule.Kind.DEQUANTIZE));
        TensorRole c = TensorRole.CONSTANT;
        TensorRole w = TensorRole.WEIGHT;
        ms(m, "QLinearConv", new QuantizedRule(new ConvRule(), new int[] {0, 3, 8}, 7,
                new TensorRole[] {null, c, c, w, c, c, c, c, TensorRole.BIAS}));
        for (String op : new String[] {"QLinearAdd", "QLinearMul"}) {
            ms(m, op, new QuantizedRule(new BinaryRule(null, false), new int[] {0, 3}, 7, new TensorRole[] {null, c, c, w, c, c, c, c}));
        }
        for (String op : new String[] {"QLinearSigmoid", "QLinearLeakyRelu"}) {
            ms(m, op, new QuantizedRule(new ActivationRule(), new int[] {0}, 4, new TensorRole[] {null, c, c, c, c}));
        }
        ms(m, "QLinearGlobalAveragePool", new QuantizedRule(new GlobalPoolRule(), new int[] {0}, 4, new TensorRole[] {null, c, c, c, c}));
        ms(m, "MatMulIntegerToFloat", new QuantizedRule(new MatMulRule(), new int[] {0, 1}, QuantizedRule.FLOAT_OUTPUT,
                new TensorRole[] {w, w, c, c, c, c, TensorRole.BIAS}));
        ms(m, "DynamicQuantizeMatMul", new QuantizedRule(new MatMulRule(), new int[] {0, 1}, QuantizedRule.FLOAT_OUTPUT, new TensorRole[] {null, w, c, c, TensorRole.BIAS}));

        for (String op : new String[] {"Scaler", "Normalizer", "Imputer"}) {
            ml(m, op, new SameShapeRule(DType.FLOAT32, TensorRole.CONSTANT));
        }
        ml(m, "Binarizer", new SameShapeRule());
        ml(m, "LabelEncoder", new SameShapeRule());
        for (String op : new String[] {"LinearRegressor", "TreeEnsembleRegressor", "SVMRegressor"}) {
            ml(m, op, new MlRule(false));
        }
        for (String op : new String[] {"LinearClassifier", "TreeEnsembleClassifier", "SVMClassifier"}) {
            ml(m, op, new MlRule(true));
        }
    }

    private static void ms(Map<OpKey, OpRule> m, String op, OpRule r) { m.put(new OpKey(MS, op, 1), r); }

    private static void ml(Map<OpKey, OpRule> m, String op, OpRule r) { m.put(new OpKey(ML, op, 1), r); }
}
