package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;

import java.util.List;

/**
 * Rules for the "dl4j" domain, keyed by the simple class name of DL4J's layer, vertex and preprocessor
 * configurations. Custom layer classes have no rule: they show up as unknown operators.
 */
public final class Dl4jRules implements OpRuleProvider {
    private static final String DENSE = "batch × nIn × nOut (× time steps for sequence outputs)";
    private static final String CONV =
            "output elements × nIn × kernel volume (depthwise: × kernel volume; deconvolution: input elements × nOut × kernel volume)";
    private static final String RNN =
            "samples × time steps × gate MACs per step (LSTM: 4·nOut·(nIn + nOut), Graves adds 3·nOut peepholes; ×2 when bidirectional)";
    private static final String NONE = "0 (no multiply-accumulates counted)";

    private static final List<String> DENSE_LIKE = List.of(
            "DenseLayer",
            "OutputLayer",
            "RnnOutputLayer",
            "CenterLossOutputLayer",
            "AutoEncoder",
            "ElementWiseMultiplicationLayer",
            "OCNNOutputLayer");
    private static final List<String> CONV_LIKE = List.of(
            "ConvolutionLayer",
            "Convolution1D",
            "Convolution1DLayer",
            "Convolution2D",
            "Convolution3D",
            "Deconvolution2D",
            "Deconvolution3D",
            "DepthwiseConvolution2D",
            "SeparableConvolution2D");
    private static final List<String> RECURRENT = List.of(
            "LSTM",
            "GravesLSTM",
            "GravesBidirectionalLSTM",
            "SimpleRnn",
            "Bidirectional",
            "LastTimeStep",
            "TimeDistributed",
            "MaskZeroLayer",
            "VariationalAutoencoder");
    /** No MACs; backward keeps the data input (pooling, normalisation, losses, PReLU, embeddings' indices). */
    private static final List<String> NO_MACS = List.of(
            "BatchNormalization",
            "EmbeddingLayer",
            "EmbeddingSequenceLayer",
            "GlobalPoolingLayer",
            "LocalResponseNormalization",
            "LossLayer",
            "CnnLossLayer",
            "Cnn3DLossLayer",
            "RnnLossLayer",
            "Pooling1D",
            "Pooling2D",
            "Subsampling1DLayer",
            "SubsamplingLayer",
            "Subsampling3DLayer",
            "Yolo2OutputLayer",
            "FrozenLayer",
            "FrozenLayerWithBackprop",
            "PReLULayer",
            "ElementWiseVertex",
            "ScaleVertex",
            "L2Vertex",
            "L2NormalizeVertex",
            "PoolHelperVertex");
    /** No MACs and pass-through or index-only gradients: backward keeps nothing. */
    private static final List<String> SHAPE_ONLY = List.of(
            "Upsampling1D",
            "Upsampling2D",
            "Upsampling3D",
            "ZeroPaddingLayer",
            "ZeroPadding1DLayer",
            "ZeroPadding3DLayer",
            "Cropping1D",
            "Cropping2D",
            "Cropping3D",
            "SpaceToBatchLayer",
            "SpaceToDepthLayer",
            "RepeatVector",
            "MergeVertex",
            "StackVertex",
            "UnstackVertex",
            "SubsetVertex",
            "ShiftVertex",
            "LastTimeStepVertex",
            "DuplicateToTimeSeriesVertex",
            "ReverseTimeSeriesVertex",
            "FrozenVertex");

    private static final List<String> IN_PLACE = List.of("ActivationLayer");
    /** Shapes from DL4J's own output types; MACs grow with the square of the sequence length, not counted here. */
    private static final List<String> ATTENTION =
            List.of("SelfAttentionLayer", "LearnedSelfAttentionLayer", "RecurrentAttentionLayer");

    private static final List<String> VIEWS = List.of(
            "MaskLayer",
            "ReshapeVertex",
            "PreprocessorVertex",
            "CnnToFeedForwardPreProcessor",
            "FeedForwardToCnnPreProcessor",
            "RnnToFeedForwardPreProcessor",
            "FeedForwardToRnnPreProcessor",
            "CnnToRnnPreProcessor",
            "RnnToCnnPreProcessor",
            "Cnn3DToFeedForwardPreProcessor",
            "FeedForwardToCnn3DPreProcessor",
            "ComposableInputPreProcessor",
            "ReshapePreprocessor",
            "PermutePreprocessor",
            "TensorFlowCnnToFeedForwardPreProcessor",
            "KerasFlattenRnnPreprocessor");

    private static final List<OpRule> RULES = List.of(
            new Dl4jLayerRule(DENSE_LIKE, Allocation.NEW, Allocation.NEW, BackwardSaves.INPUTS, DENSE),
            new Dl4jLayerRule(CONV_LIKE, Allocation.NEW, Allocation.NEW, BackwardSaves.INPUTS, CONV),
            new Dl4jLayerRule(RECURRENT, Allocation.NEW, Allocation.NEW, BackwardSaves.INPUTS, RNN),
            new Dl4jLayerRule(NO_MACS, Allocation.NEW, Allocation.NEW, BackwardSaves.FIRST_INPUT, NONE),
            new Dl4jLayerRule(SHAPE_ONLY, Allocation.NEW, Allocation.NEW, BackwardSaves.NOTHING, NONE),
            new Dl4jLayerRule(
                    ATTENTION,
                    Allocation.NEW,
                    Allocation.NEW,
                    BackwardSaves.INPUTS,
                    "unknown (attention: projections plus time² × heads × head size)"),
            new Dl4jLayerRule(IN_PLACE, Allocation.IN_PLACE, Allocation.IN_PLACE, BackwardSaves.FIRST_INPUT, NONE),
            new Dl4jLayerRule(VIEWS, Allocation.VIEW, Allocation.VIEW, BackwardSaves.NOTHING, NONE),
            // Training dropout writes a new, masked tensor and keeps the mask (one byte per element, as core counts
            // it).
            new Dl4jLayerRule(
                    List.of("DropoutLayer"),
                    Allocation.VIEW,
                    Allocation.NEW,
                    BackwardSaves.NOTHING.withAuxBits(8),
                    NONE));

    @Override
    public List<OpRule> rules() {
        return RULES;
    }
}
