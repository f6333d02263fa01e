package dev.modelcost.core.ops.rules;

/**
 * The operator domains besides ai.onnx whose common ops ship with core. Other ops of these domains are
 * reported as unknown.
 */
final class Domains {
    static final String ML = "ai.onnx.ml";
    /** onnxruntime's contrib ops met in published models. */
    static final String MICROSOFT = "com.microsoft";

    /** onnxruntime-extensions' pre- and post-processing ops (image decoding and encoding). */
    static final String EXTENSIONS = "com.microsoft.extensions";

    static final String TRAINING = "ai.onnx.preview.training";

    private Domains() {}
}
