package dev.modelcost.importer.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Configurations written before DL4J 1.0.0-beta, read piece by piece when the whole does not parse. Those name
 * classes by wrapper objects ({@code "layer": {"convolution": {...}}}, {@code "dense"}, {@code "subsampling"},
 * {@code "loss"}...), which DL4J's own legacy mapper reads as its standard layers; a network that DL4J's Keras
 * import (≤ 0.9) produced also names a preprocessor of the modelimport module, which is not on the class path:
 * {@code TensorFlowCnnToFeedForwardPreProcessor} flattens [h, w, c] activations in TensorFlow's order, the same
 * elements as DL4J's {@code CnnToFeedForwardPreProcessor} (of NCHW activations) in another order, which is all sizes and
 * costs depend on.
 */
final class LegacyConfig {
    static final String TF_CNN_TO_FF = "TensorFlowCnnToFeedForwardPreProcessor";

    private LegacyConfig() {}

    /** One layer configuration, in today's format or in the pre-1.0.0-beta one. */
    static NeuralNetConfiguration layer(JsonNode conf) {
        try {
            return NeuralNetConfiguration.fromJson(conf.toString());
        } catch (RuntimeException current) {
            if (!isWrapperObject(conf.path("layer"))) {
                throw current;
            }
            try {
                return JsonMappers.getLegacyMapper().readValue(conf.toString(), NeuralNetConfiguration.class);
            } catch (IOException | RuntimeException legacy) {
                throw current;
            }
        }
    }

    /** A preprocessor in today's format, the legacy one, or one of the Keras import's that has a standard equivalent. */
    static InputPreProcessor preprocessor(JsonNode node, ObjectMapper mapper) throws IOException {
        try {
            return mapper.treeToValue(node, InputPreProcessor.class);
        } catch (IOException | RuntimeException current) {
            String cls = node.path("@class").asText("");
            JsonNode fields = node;
            if (cls.isEmpty() && isWrapperObject(node)) {
                cls = node.fieldNames().next();
                fields = node.path(cls);
            }
            if (cls.endsWith(TF_CNN_TO_FF) && fields.path("inputHeight").canConvertToLong()) {
                // DL4J's activations are [c, h, w] (NCHW); the Keras preprocessor only reorders them before flattening.
                return new CnnToFeedForwardPreProcessor(
                        fields.path("inputHeight").asLong(),
                        fields.path("inputWidth").asLong(),
                        fields.path("numChannels").asLong(),
                        CNN2DFormat.NCHW);
            }
            if (isWrapperObject(node)) {
                try {
                    return JsonMappers.getLegacyMapper().treeToValue(node, InputPreProcessor.class);
                } catch (IOException | RuntimeException legacy) {
                    throw current;
                }
            }
            throw current;
        }
    }

    /** {"name": {...}}: one field holding an object, no {@code @class}. */
    private static boolean isWrapperObject(JsonNode n) {
        return n.isObject()
                && n.size() == 1
                && !n.has("@class")
                && n.elements().next().isObject();
    }
}
