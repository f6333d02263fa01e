package dev.modelcost.core.ir;

/** What a stored tensor is for. The first five are parameters; {@link #CONSTANT} is not. */
public enum TensorRole {
    WEIGHT("weight"),
    BIAS("bias"),
    NORM_SCALE_SHIFT("normScaleShift"),
    NORM_STATISTIC("normStatistics"),
    OTHER_PARAMETER("other"),
    /** Shapes, axes, indices, thresholds, masks: stored in the file but not learned. */
    CONSTANT("constant");

    private final String jsonName;

    TensorRole(String jsonName) { this.jsonName = jsonName; }

    public String jsonName() { return jsonName; }

    public boolean isParameter() { return this != CONSTANT; }

    /** Keras and PyTorch report normalisation statistics as non-trainable; everything else learns by default. */
    public boolean trainableByDefault() { return this != NORM_STATISTIC && this != CONSTANT; }
}
