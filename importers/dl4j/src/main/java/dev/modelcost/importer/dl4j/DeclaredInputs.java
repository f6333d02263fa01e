package dev.modelcost.importer.dl4j;

import dev.modelcost.core.report.Diagnostic;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.List;
import java.util.Map;

/**
 * The input type a network's configuration states or implies: from the first preprocessor that describes its input,
 * else from what the first layer implies (nIn, a recurrent or convolutional layer's shape).
 */
final class DeclaredInputs {
    private DeclaredInputs() {}

    /** A MultiLayerNetwork's input: its first preprocessor's, else what its first layer implies; null when neither. */
    static InputType ofMultiLayer(Map<Integer, InputPreProcessor> pres, Layer first) {
        InputPreProcessor p0 = pres == null ? null : pres.get(0);
        if (p0 != null) {
            InputType t = Dl4jTypes.describedInput(p0);
            if (t != null) {
                return t;
            }
        }
        return first == null ? null : Dl4jTypes.impliedInput(first);
    }

    /** A ComputationGraph input consumed by {@code lv}: its preprocessor's, else what its layer implies. */
    static InputType ofVertex(LayerVertex lv) {
        if (lv.getPreProcessor() != null) {
            InputType t = Dl4jTypes.describedInput(lv.getPreProcessor());
            if (t != null) {
                return t;
            }
        }
        return Dl4jTypes.impliedInput(lv.getLayerConf().getLayer());
    }

    /** A recurrent or spatial type as the feature vector a global pooling leaves of it. */
    static InputType collapsed(InputType t) {
        if (t instanceof InputType.InputTypeRecurrent r) {
            return InputType.feedForward(r.getSize());
        }
        if (t instanceof InputType.InputTypeConvolutional c && (c.getHeight() != 1 || c.getWidth() != 1)) {
            return InputType.feedForward(c.getChannels());
        }
        return t;
    }

    /** The input size walked back from a preprocessor that states its own, said in a diagnostic; null when none. */
    static InputType inferred(List<Diagnostic> diagnostics, List<Layer> layers, Map<Integer, InputPreProcessor> pres) {
        InputFromPreprocessor.Found f = pres == null ? null : InputFromPreprocessor.of(layers, pres);
        if (f == null) {
            return null;
        }
        diagnostics.add(Diagnostic.info("input 'input': " + f.how()));
        return f.input();
    }
}
