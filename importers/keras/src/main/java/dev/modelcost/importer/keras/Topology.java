package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.ValueInfo;

import java.util.List;
import java.util.Map;

/**
 * The layer graph a Keras {@code model_config} describes, with nested models flattened: every layer
 * (by qualified name "outer/inner"), every call of a layer with the values it reads and writes, the model
 * inputs with their declared shapes, and the outputs.
 *
 * @param children for each model scope ("" for the top model, "name/" for a nested one), its layers in config order
 */
record Topology(
        String modelClass,
        List<ValueInfo> inputs,
        List<String> outputs,
        List<Call> calls,
        Map<String, Layer> layers,
        Map<String, List<Layer>> children,
        List<String> diagnostics) {

    /** A layer of the configuration; {@code model} is true for a nested Sequential/Functional model. */
    record Layer(
            String qualifiedName,
            String name,
            String className,
            Map<String, Object> config,
            boolean trainable,
            boolean model,
            String scope) {}

    /**
     * One application of a layer: {@code index} counts the layer's calls; {@code kwargs} are the call's keyword
     * arguments as the config records them (constants such as a TFOpLambda's {@code shape}), empty when none.
     */
    record Call(Layer layer, int index, List<String> inputs, List<String> outputs, Map<String, Object> kwargs) {
        Call(Layer layer, int index, List<String> inputs, List<String> outputs) {
            this(layer, index, inputs, outputs, Map.of());
        }

        String nodeName() {
            return index == 0 ? layer.qualifiedName() : layer.qualifiedName() + "#" + index;
        }
    }
}
