package dev.modelcost.core.compare;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kind of layer an op is, whatever the format calls it: ONNX op types, Keras layer classes and DL4J layer
 * classes, listed by their exact names (a name that merely contains "conv" is not taken for a convolution).
 */
enum OpFamily {
    LSTM(
            "lstm",
            "LSTM",
            "CuDNNLSTM",
            "GravesLSTM",
            "GravesBidirectionalLSTM",
            "ConvLSTM1D",
            "ConvLSTM2D",
            "ConvLSTM3D"),
    GRU("gru", "GRU", "CuDNNGRU"),
    RNN("rnn", "RNN", "SimpleRNN", "SimpleRnn"),
    CONV_TRANSPOSE(
            "conv-transpose",
            "ConvTranspose",
            "Conv1DTranspose",
            "Conv2DTranspose",
            "Conv3DTranspose",
            "Convolution2DTranspose",
            "Deconvolution2D",
            "Deconvolution3D",
            "Deconvolution2DLayer"),
    CONV(
            "conv",
            "Conv",
            "ConvInteger",
            "QLinearConv",
            "Conv1D",
            "Conv2D",
            "Conv3D",
            "Convolution1D",
            "Convolution2D",
            "Convolution3D",
            "SeparableConv1D",
            "SeparableConv2D",
            "SeparableConvolution1D",
            "SeparableConvolution2D",
            "DepthwiseConv1D",
            "DepthwiseConv2D",
            "DepthwiseConvolution2D",
            "ConvolutionLayer",
            "Convolution1DLayer"),
    DENSE(
            "dense",
            "Gemm",
            "MatMul",
            "MatMulInteger",
            "QLinearMatMul",
            "Dense",
            "TimeDistributedDense",
            "Linear",
            "DenseLayer",
            "OutputLayer",
            "RnnOutputLayer",
            "CenterLossOutputLayer"),
    BATCH_NORM("batch-norm", "BatchNormalization", "BatchNorm"),
    EMBEDDING("embedding", "Gather", "Embedding", "EmbeddingLayer", "EmbeddingSequenceLayer");

    private static final Map<String, OpFamily> BY_OP = new HashMap<>();

    static {
        for (OpFamily f : values()) {
            f.ops.forEach(op -> BY_OP.put(op, f));
        }
    }

    private final String label;
    private final List<String> ops;

    OpFamily(String label, String... ops) {
        this.label = label;
        this.ops = List.of(ops);
    }

    /** The family's name ("conv"), or the op's own name in lower case when it belongs to none of them. */
    static String of(String op) {
        OpFamily f = BY_OP.get(op);
        return f != null ? f.label : op.toLowerCase(Locale.ROOT);
    }
}
