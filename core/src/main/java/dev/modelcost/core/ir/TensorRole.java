package dev.modelcost.core.ir;

/** What a stored tensor is for. The first six are parameters; {@link #BUFFER} and {@link #CONSTANT} are not. */
public enum TensorRole {
    WEIGHT("weight"),
    BIAS("bias"),
    NORM_SCALE_SHIFT("normScaleShift"),
    NORM_STATISTIC("normStatistics"),
    OTHER_PARAMETER("other"),
    /**
     * Quantization scales and zero points of stored weights (per tensor, per channel or per block) and the fixed
     * scales of quantized activations: stored numbers a quantized model cannot run without, not learned weights.
     */
    QUANTIZATION("quantization"),
    /**
     * Fixed arrays an exporter computes from the model's configuration and stores for the graph to read, such as
     * a detector's anchor (prior) boxes: stored bytes, not learned, not parameters (PyTorch calls them buffers).
     */
    BUFFER("buffer"),
    /** Shapes, axes, indices, thresholds, masks: stored in the file but not learned. */
    CONSTANT("constant");

    private final String jsonName;

    TensorRole(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean isParameter() {
        return this != CONSTANT && this != BUFFER;
    }

    /** Keras and PyTorch report normalisation statistics as non-trainable; everything else learns by default. */
    public boolean trainableByDefault() {
        return this != NORM_STATISTIC && this != QUANTIZATION && isParameter();
    }
}
