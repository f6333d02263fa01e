package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;
import dev.modelcost.core.ops.RolePattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules that ship with core for the ONNX domains (ai.onnx, ai.onnx.ml, ai.onnx.preview.training and
 * onnxruntime's com.microsoft): a plain list of rule instances, sorted by class name. Each rule declares the
 * (domain, op, since-version) keys it serves and the roles of its inputs; to add an op, write its rule class and
 * its test and list an instance here.
 */
public final class BuiltInRules implements OpRuleProvider {

    @Override
    public List<OpRule> rules() {
        List<OpRule> rules = new ArrayList<>(List.of(
                ActivationRule.onnx(),
                ActivationRule.contrib(),
                new AttentionRule(),
                new BatchNormRule(),
                new BiasActivationRule(),
                new CastRule(),
                new CompressRule(),
                new ConcatFromSequenceRule(),
                new ConcatRule(),
                new ConstantOfShapeRule(),
                new ConstantRule(),
                ConvRule.onnx(),
                ConvRule.contribFused(),
                new ConvTransposeRule(),
                DepthToSpaceRule.depthToSpace(),
                DepthToSpaceRule.spaceToDepth(),
                new EinsumRule(),
                new EmbedLayerNormRule(),
                new ExpandRule(),
                new FlattenRule(),
                new GatherBlockQuantizedRule(),
                new GatherElementsRule(),
                new GatherNDRule(),
                new GatherRule(),
                GemmRule.onnx(),
                GemmRule.contribFused(),
                new GeometryRule(GeometryRule.Kind.DET),
                new GeometryRule(GeometryRule.Kind.GRID_SAMPLE),
                new GeometryRule(GeometryRule.Kind.ROI_ALIGN),
                GlobalPoolRule.onnx(),
                new GradientRule(),
                new IfRule(),
                ImageCodecRule.decode(),
                ImageCodecRule.encode(),
                new LoopRule(),
                new LossRule(),
                new MatMulNBitsRule(),
                MatMulRule.onnx(),
                MatMulRule.contribFused(),
                new MaxUnpoolRule(),
                new MlFeatureRule(MlFeatureRule.Kind.ARRAY_FEATURE_EXTRACTOR),
                new MlFeatureRule(MlFeatureRule.Kind.CAST_MAP),
                new MlFeatureRule(MlFeatureRule.Kind.DICT_VECTORIZER),
                new MlFeatureRule(MlFeatureRule.Kind.FEATURE_VECTORIZER),
                new MlFeatureRule(MlFeatureRule.Kind.ONE_HOT_ENCODER),
                new MlFeatureRule(MlFeatureRule.Kind.ZIP_MAP),
                MlRule.classifiers(),
                MlRule.regressors(),
                new MlTransformRule(MlTransformRule.Kind.BINARIZER),
                new MlTransformRule(MlTransformRule.Kind.CATEGORY_MAPPER),
                new MlTransformRule(MlTransformRule.Kind.IMPUTER),
                new MlTransformRule(MlTransformRule.Kind.LABEL_ENCODER),
                new MlTransformRule(MlTransformRule.Kind.NORMALIZER),
                new MlTransformRule(MlTransformRule.Kind.SCALER),
                new NonMaxSuppressionRule(),
                new NonZeroRule(),
                NormalizationRule.contribLayerNorms(),
                NormalizationRule.instanceAndGroupNorm(),
                NormalizationRule.layerNorm(),
                NormalizationRule.rmsNorms(),
                new OneHotRule(),
                new OnnxAttentionRule(),
                OptimizerRule.adam(),
                OptimizerRule.threeTensorGroups(),
                OptionalRule.element(),
                OptionalRule.hasElement(),
                new PadRule(),
                new PoolRule(),
                new PReluRule(),
                ProjectedAttentionRule.groupQuery(),
                ProjectedAttentionRule.multiHead(),
                QuantizeLinearRule.onnx(QuantizeLinearRule.Kind.QUANTIZE),
                QuantizeLinearRule.onnx(QuantizeLinearRule.Kind.DEQUANTIZE),
                QuantizeLinearRule.onnx(QuantizeLinearRule.Kind.DYNAMIC),
                QuantizeLinearRule.contrib(QuantizeLinearRule.Kind.QUANTIZE),
                QuantizeLinearRule.contrib(QuantizeLinearRule.Kind.DEQUANTIZE),
                QuantizedRule.convInteger(),
                QuantizedRule.dynamicQuantizeMatMul(),
                QuantizedRule.matMulInteger(),
                QuantizedRule.matMulIntegerToFloat(),
                QuantizedRule.qLinearBinary("QLinearAdd"),
                QuantizedRule.qLinearBinary("QLinearMul"),
                QuantizedRule.qLinearConv(OpKey.ONNX),
                QuantizedRule.qLinearConv(Domains.MICROSOFT),
                QuantizedRule.qLinearMatMul(),
                QuantizedRule.qLinearUnary("QLinearGlobalAveragePool", new GlobalPoolRule()),
                QuantizedRule.qLinearUnary("QLinearLeakyRelu", new ActivationRule()),
                QuantizedRule.qLinearUnary("QLinearSigmoid", new ActivationRule()),
                new RandomRule(),
                new RangeRule(),
                RecurrentRule.gru(),
                RecurrentRule.lstm(),
                RecurrentRule.rnn(),
                new ReshapeRule(),
                ResizeRule.scalesAttribute(),
                ResizeRule.scalesInput(),
                ResizeRule.scalesOrSizes(),
                RotaryEmbeddingRule.contrib(),
                RotaryEmbeddingRule.onnx(),
                SameShapeRule.elementTests(),
                SameShapeRule.onnx(),
                ScanRule.batched(),
                ScanRule.unbatched(),
                new SequenceMapRule(),
                new SequenceRule(SequenceRule.Kind.AT),
                new SequenceRule(SequenceRule.Kind.CONSTRUCT),
                new SequenceRule(SequenceRule.Kind.EMPTY),
                new SequenceRule(SequenceRule.Kind.ERASE),
                new SequenceRule(SequenceRule.Kind.INSERT),
                new SequenceRule(SequenceRule.Kind.LENGTH),
                new ShapeOfRule(),
                new SizeRule(),
                SkipLayerNormRule.simplified(),
                SkipLayerNormRule.withShift(),
                SliceRule.fromAttributes(),
                SliceRule.fromInputs(),
                new SpectralRule(SpectralRule.Kind.DFT),
                new SpectralRule(SpectralRule.Kind.MEL),
                new SpectralRule(SpectralRule.Kind.STFT),
                new SpectralRule(SpectralRule.Kind.WINDOW),
                new SplitRule(),
                new SplitToSequenceRule(),
                SqueezeRule.squeeze(),
                SqueezeRule.unsqueeze(),
                new TensorScatterRule(),
                TextRule.stringNormalizer(),
                TextRule.tfIdfVectorizer(),
                new TileRule(),
                new TopKRule(),
                new TransposeRule(),
                new TreeEnsembleRule(),
                TypeFromRule.castLike(),
                TypeFromRule.likeInput(),
                new UniqueRule(),
                new ViewRule(),
                new WhereRule()));
        rules.addAll(BinaryRule.onnx());
        rules.addAll(ReduceRule.onnx());
        rules.addAll(UnaryMathRule.onnx());
        return List.copyOf(rules);
    }

    @Override
    public List<RolePattern> rolePatterns() {
        return dev.modelcost.core.ops.roles.BuiltInRolePatterns.all();
    }
}
