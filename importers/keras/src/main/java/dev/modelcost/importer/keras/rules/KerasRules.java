package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shape and cost rules for Keras layer classes (domain "keras"), keyed by class name; Keras 1 class names
 * are registered as aliases of their Keras 2 rules. Rules read the layer config the importer puts on the node
 * as attributes; stored weights among a node's inputs are ignored by the shape arithmetic.
 */
public final class KerasRules implements OpRuleProvider {
    public static final String DOMAIN = "keras";
    private static final Map<String, OpRule> BY_CLASS = build();

    private static Map<String, OpRule> build() {
        Map<String, OpRule> m = new LinkedHashMap<>();
        m.put("Dense", new DenseRule());
        m.put("TimeDistributedDense", new DenseRule());
        for (int s = 1; s <= 3; s++) {
            ConvRule conv = new ConvRule(s, ConvRule.Kind.STANDARD);
            m.put("Conv" + s + "D", conv);
            m.put("Convolution" + s + "D", conv);
            m.put("Conv" + s + "DTranspose", new ConvTransposeRule(s));
            PoolRule pool = new PoolRule(s);
            for (String p : new String[] {"MaxPooling", "AveragePooling", "MaxPool", "AvgPool"}) {
                m.put(p + s + "D", pool);
            }
            for (String p : new String[] {"GlobalMaxPooling", "GlobalAveragePooling", "GlobalMaxPool", "GlobalAvgPool"}) {
                m.put(p + s + "D", new GlobalPoolRule());
            }
            m.put("ZeroPadding" + s + "D", new ResampleRule(s, ResampleRule.Kind.PAD));
            m.put("Cropping" + s + "D", new ResampleRule(s, ResampleRule.Kind.CROP));
            m.put("UpSampling" + s + "D", new ResampleRule(s, ResampleRule.Kind.UPSAMPLE));
            m.put("ConvLSTM" + s + "D", new ConvLstmRule(s));
            m.put("SpatialDropout" + s + "D", new SameShapeRule(Allocation.VIEW));
        }
        m.put("AtrousConvolution1D", m.get("Conv1D"));
        m.put("AtrousConvolution2D", m.get("Conv2D"));
        m.put("Deconvolution2D", m.get("Conv2DTranspose"));
        m.put("Deconvolution3D", m.get("Conv3DTranspose"));
        m.put("DepthwiseConv1D", new ConvRule(1, ConvRule.Kind.DEPTHWISE));
        m.put("DepthwiseConv2D", new ConvRule(2, ConvRule.Kind.DEPTHWISE));
        m.put("SeparableConv1D", new ConvRule(1, ConvRule.Kind.SEPARABLE));
        m.put("SeparableConv2D", new ConvRule(2, ConvRule.Kind.SEPARABLE));
        m.put("SeparableConvolution1D", m.get("SeparableConv1D"));
        m.put("SeparableConvolution2D", m.get("SeparableConv2D"));
        for (String a : new String[] {"Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax"}) {
            m.put(a, new SameShapeRule(Allocation.IN_PLACE));
        }
        for (String v : new String[] {"Dropout", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization",
                                      "Masking", "Identity", "InputLayer"}) {
            m.put(v, new SameShapeRule(Allocation.VIEW));
        }
        for (String n : new String[] {"BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
                                      "Normalization", "Rescaling", "RMSNormalization"}) {
            m.put(n, new SameShapeRule(Allocation.NEW));
        }
        m.put("Embedding", new EmbeddingRule());
        m.put("SimpleRNN", new RecurrentRule(1));
        m.put("GRU", new RecurrentRule(3));
        m.put("CuDNNGRU", new RecurrentRule(3));
        m.put("LSTM", new RecurrentRule(4));
        m.put("CuDNNLSTM", new RecurrentRule(4));
        m.put("Reshape", new ReshapeRules.Reshape());
        m.put("Flatten", new ReshapeRules.Flatten());
        m.put("Permute", new ReshapeRules.Permute());
        m.put("RepeatVector", new ReshapeRules.RepeatVector());
        m.put("Lambda", new ReshapeRules.Lambda());
        m.put("TFOpLambda", new TfOpLambdaRule());
        m.put("TextVectorization", new TextVectorizationRule());
        for (String e : new String[] {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"}) {
            m.put(e, new MergeRule(MergeRule.Kind.ELEMENTWISE));
        }
        m.put("Concatenate", new MergeRule(MergeRule.Kind.CONCAT));
        m.put("Dot", new MergeRule(MergeRule.Kind.DOT));
        m.put("Merge", new MergeRule(MergeRule.Kind.KERAS1));
        m.put("Attention", new AttentionRules.Attention());
        m.put("AdditiveAttention", new AttentionRules.Attention());
        m.put("MultiHeadAttention", new AttentionRules.MultiHead());
        m.put("TimeDistributed", new WrapperRule(false, KerasRules::ruleFor));
        m.put("Bidirectional", new WrapperRule(true, KerasRules::ruleFor));
        return Collections.unmodifiableMap(m);
    }

    /** The rule for a Keras layer class, or null. */
    public static OpRule ruleFor(String className) { return BY_CLASS.get(className); }

    public static boolean hasRule(String className) { return BY_CLASS.containsKey(className); }

    @Override
    public Map<OpKey, OpRule> rules() {
        Map<OpKey, OpRule> out = new TreeMap<>();
        BY_CLASS.forEach((cls, rule) -> out.put(new OpKey(DOMAIN, cls, 1), rule));
        return out;
    }
}
