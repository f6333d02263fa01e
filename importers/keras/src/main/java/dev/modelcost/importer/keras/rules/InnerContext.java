package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A context for the layer a wrapper (TimeDistributed, Bidirectional) holds, built from its "layer." attributes. */
final class InnerContext implements InferenceContext {
    private final Node node;
    private final List<TensorType> inputs;
    private final TensorType[] outputs = new TensorType[8];
    private final List<String> messages = new ArrayList<>();

    private InnerContext(Node node, List<TensorType> inputs) {
        this.node = node;
        this.inputs = inputs;
    }

    /** The wrapped layer as a node, or null when the wrapper does not say what it wraps. */
    static Node innerNode(Node wrapper) {
        String cls = wrapper.stringAttr("layer.class_name").orElse(null);
        if (cls == null) {
            return null;
        }
        Map<String, Attr> attrs = new LinkedHashMap<>();
        wrapper.attributes().forEach((k, v) -> {
            if (k.startsWith("layer.") && !k.equals("layer.class_name")) {
                attrs.put(k.substring("layer.".length()), v);
            }
        });
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outs.add("out" + i);
        }
        return new Node(wrapper.name() + "/" + cls, wrapper.domain(), cls, List.of("in"), outs, attrs);
    }

    static InnerContext of(Node inner, TensorType input) {
        return new InnerContext(inner, List.of(input));
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public int opset() {
        return 0;
    }

    @Override
    public int inputCount() {
        return inputs.size();
    }

    @Override
    public TensorType input(int i) {
        return i < inputs.size() ? inputs.get(i) : TensorType.UNKNOWN;
    }

    @Override
    public Optional<ConstantValues> inputValues(int i) {
        return Optional.empty();
    }

    @Override
    public boolean inputIsStored(int i) {
        return false;
    }

    @Override
    public TensorType output(int i) {
        return i < outputs.length && outputs[i] != null ? outputs[i] : TensorType.UNKNOWN;
    }

    @Override
    public void setOutput(int i, TensorType type) {
        if (i < outputs.length) {
            outputs[i] = type;
        }
    }

    @Override
    public void setOutputValues(int i, ConstantValues values) {}

    @Override
    public void diagnose(String message) {
        messages.add(message);
    }

    List<String> messages() {
        return messages;
    }
}
