package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.OpRuleProvider;

import java.util.Map;
import java.util.TreeMap;

/**
 * Rules for the "dl4j" domain, keyed by the simple class name of DL4J's layer, vertex and preprocessor
 * configurations. Custom layer classes have no rule: they show up as unknown operators.
 */
public final class Dl4jRules implements OpRuleProvider {
    private static final String DENSE = "batch × nIn × nOut (× time steps for sequence outputs)";
    private static final String CONV = "output elements × nIn × kernel volume (depthwise: × kernel volume; deconvolution: input elements × nOut × kernel volume)";
    private static final String RNN = "samples × time steps × gate MACs per step (LSTM: 4·nOut·(nIn + nOut), Graves adds 3·nOut peepholes; ×2 when bidirectional)";
    private static final String NONE = "0 (no multiply-accumulates counted)";

    private static final String[] DENSE_LIKE = {"DenseLayer", "OutputLayer", "RnnOutputLayer", "CenterLossOutputLayer",
        "AutoEncoder", "ElementWiseMultiplicationLayer", "OCNNOutputLayer"};
    private static final String[] CONV_LIKE = {"ConvolutionLayer", "Convolution1D", "Convolution1DLayer", "Convolution2D",
        "Convolution3D", "Deconvolution2D", "Deconvolution3D", "DepthwiseConvolution2D", "SeparableConvolution2D"};
    private static final String[] RECURRENT = {"LSTM", "GravesLSTM", "GravesBidirectionalLSTM", "SimpleRnn", "Bidirectional",
        "LastTimeStep", "TimeDistributed", "MaskZeroLayer", "VariationalAutoencoder"};
    /** No MACs; backward keeps the data input (pooling, normalisation, losses, PReLU, embeddings' indices). */
    private static final String[] NO_MACS = {"BatchNormalization", "EmbeddingLayer", "EmbeddingSequenceLayer",
        "GlobalPoolingLayer", "LocalResponseNormalization", "LossLayer", "CnnLossLayer", "Cnn3DLossLayer", "RnnLossLayer",
        "Pooling1D", "Pooling2D", "Subsampling1DLayer", "SubsamplingLayer", "Subsampling3DLayer", "Yolo2OutputLayer",
        "FrozenLayer", "FrozenLayerWithBackprop", "PReLULayer", "ElementWiseVertex", "ScaleVertex", "L2Vertex",
        "L2NormalizeVertex", "PoolHelperVertex"};
    /** No MACs and pass-through or index-only gradients: backward keeps nothing. */
    private static final String[] SHAPE_ONLY = {"Upsampling1D", "Upsampling2D", "Upsampling3D", "ZeroPaddingLayer",
        "ZeroPadding1DLayer", "ZeroPadding3DLayer", "Cropping1D", "Cropping2D", "Cropping3D", "SpaceToBatchLayer",
        "SpaceToDepthLayer", "RepeatVector", "MergeVertex", "StackVertex", "UnstackVertex", "SubsetVertex", "ShiftVertex",
        "LastTimeStepVertex", "DuplicateToTimeSeriesVertex", "ReverseTimeSeriesVertex", "FrozenVertex"};
    private static final String[] IN_PLACE = {"ActivationLayer"};
    /** Shapes from DL4J's own output types; MACs grow with the square of the sequence length, not counted here. */
    private static final String[] ATTENTION = {"SelfAttentionLayer", "LearnedSelfAttentionLayer", "RecurrentAttentionLayer"};
    private static final String[] VIEWS = {"MaskLayer", "ReshapeVertex", "PreprocessorVertex",
        "CnnToFeedForwardPreProcessor", "FeedForwardToCnnPreProcessor", "RnnToFeedForwardPreProcessor",
        "FeedForwardToRnnPreProcessor", "CnnToRnnPreProcessor", "RnnToCnnPreProcessor", "Cnn3DToFeedForwardPreProcessor",
        "FeedForwardToCnn3DPreProcessor", "ComposableInputPreProcessor", "ReshapePreprocessor", "PermutePreprocessor",
        "TensorFlowCnnToFeedForwardPreProcessor", "KerasFlattenRnnPreprocessor"};

    @Override
    public Map<OpKey, OpRule> rules() {
        Map<OpKey, OpRule> r = new TreeMap<>();
        add(r, DENSE_LIKE, new Dl4jLayerRule(Allocation.NEW, DENSE));
        add(r, CONV_LIKE, new Dl4jLayerRule(Allocation.NEW, CONV));
        add(r, RECURRENT, new Dl4jLayerRule(Allocation.NEW, RNN));
        add(r, NO_MACS, new Dl4jLayerRule(Allocation.NEW, Allocation.NEW, BackwardSaves.FIRST_INPUT, NONE));
        add(r, SHAPE_ONLY, new Dl4jLayerRule(Allocation.NEW, Allocation.NEW, BackwardSaves.NOTHING, NONE));
        add(r, ATTENTION, new Dl4jLayerRule(Allocation.NEW, "unknown (attention: projections plus time² × heads × head size)"));
        add(r, IN_PLACE, new Dl4jLayerRule(Allocation.IN_PLACE, Allocation.IN_PLACE, BackwardSaves.FIRST_INPUT, NONE));
        add(r, VIEWS, new Dl4jLayerRule(Allocation.VIEW, Allocation.VIEW, BackwardSaves.NOTHING, NONE));
        // Training dropout writes a new, masked tensor and keeps the mask (one byte per element, as core counts it).
        r.put(new OpKey(Dl4jLayerRule.DOMAIN, "DropoutLayer", 1),
                new Dl4jLayerRule(Allocation.VIEW, Allocation.NEW, BackwardSaves.NOTHING.withAuxBits(8), NONE));
        return r;
    }

    private static void add(Map<OpKey, OpRule> r, String[] ops, OpRule rule) {
        for (String op : ops) {
            r.put(new OpKey(Dl4jLayerRule.DOMAIN, op, 1), rule);
        }
    }
}
