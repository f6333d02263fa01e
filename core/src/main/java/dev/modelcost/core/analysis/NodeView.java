package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules' window onto one node, backed by the maps shape inference fills in. */
final class NodeView implements InferenceContext {
    private final Node node;
    private final int opset;
    private final Graph graph;
    private final Map<String, TensorType> types;
    private final Map<String, ConstantValues> values;
    private final List<String> messages = new ArrayList<>();

    NodeView(Node node, int opset, Graph graph, Map<String, TensorType> types, Map<String, ConstantValues> values) {
        this.node = node;
        this.opset = opset;
        this.graph = graph;
        this.types = types;
        this.values = values;
    }

    @Override
    public Node node() { return node; }

    @Override
    public int opset() { return opset; }

    @Override
    public int inputCount() { return node.inputs().size(); }

    @Override
    public TensorType input(int i) {
        String name = node.input(i);
        TensorType t = name.isEmpty() ? null : types.get(name);
        return t == null ? TensorType.UNKNOWN : t;
    }

    @Override
    public Optional<ConstantValues> inputValues(int i) {
        String name = node.input(i);
        return name.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(name));
    }

    @Override
    public boolean inputIsStored(int i) { return graph.tensors().containsKey(node.input(i)); }

    @Override
    public TensorType output(int i) {
        if (i >= node.outputs().size()) {
            return TensorType.UNKNOWN;
        }
        TensorType t = types.get(node.outputs().get(i));
        return t == null ? TensorType.UNKNOWN : t;
    }

    @Override
    public void setOutput(int i, TensorType type) {
        if (i < node.outputs().size() && !node.outputs().get(i).isEmpty()) {
            types.put(node.outputs().get(i), type);
        }
    }

    @Override
    public void setOutputValues(int i, ConstantValues v) {
        if (i < node.outputs().size() && !node.outputs().get(i).isEmpty() && v.size() <= ConstantValues.MAX_ELEMENTS) {
            values.put(node.outputs().get(i), v);
        }
    }

    @Override
    public void diagnose(String message) { messages.add(message); }

    List<String> messages() { return messages; }
}
