package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.SequenceValue;
import dev.modelcost.core.ops.SubgraphResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules' window onto one node, backed by the maps of the graph's inference state. */
final class NodeView implements InferenceContext {
    private final Node node;
    private final int opset;
    private final GraphInference state;
    private final List<String> messages = new ArrayList<>();

    NodeView(Node node, int opset, GraphInference state) {
        this.node = node;
        this.opset = opset;
        this.state = state;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public int opset() {
        return opset;
    }

    @Override
    public int inputCount() {
        return node.inputs().size();
    }

    @Override
    public TensorType input(int i) {
        String name = node.input(i);
        TensorType t = name.isEmpty() ? null : state.types.get(name);
        return t == null ? TensorType.UNKNOWN : t;
    }

    @Override
    public Optional<ConstantValues> inputValues(int i) {
        String name = node.input(i);
        return name.isEmpty() ? Optional.empty() : Optional.ofNullable(state.values.get(name));
    }

    @Override
    public TensorType typeOf(String valueName) {
        TensorType t = state.types.get(valueName);
        return t == null ? TensorType.UNKNOWN : t;
    }

    @Override
    public Optional<List<dev.modelcost.core.ir.Dim>> inputDims(int i) {
        String name = node.input(i);
        if (!name.isEmpty() && state.dims.containsKey(name)) {
            return Optional.of(state.dims.get(name));
        }
        return InferenceContext.super.inputDims(i);
    }

    @Override
    public void setOutputDims(int i, List<dev.modelcost.core.ir.Dim> d) {
        InferenceContext.super.setOutputDims(i, d);
        if (i < node.outputs().size()
                && !node.outputs().get(i).isEmpty()
                && !state.values.containsKey(node.outputs().get(i))
                && d.size() <= ConstantValues.MAX_ELEMENTS) {
            state.dims.put(node.outputs().get(i), List.copyOf(d));
        }
    }

    @Override
    public Optional<SequenceValue> inputSequence(int i) {
        String name = node.input(i);
        return name.isEmpty() ? Optional.empty() : Optional.ofNullable(state.sequences.get(name));
    }

    @Override
    public boolean inputIsStored(int i) {
        return state.stored.contains(node.input(i));
    }

    @Override
    public TensorType output(int i) {
        if (i >= node.outputs().size()) {
            return TensorType.UNKNOWN;
        }
        TensorType t = state.types.get(node.outputs().get(i));
        return t == null ? TensorType.UNKNOWN : t;
    }

    @Override
    public void setOutput(int i, TensorType type) {
        if (i < node.outputs().size() && !node.outputs().get(i).isEmpty()) {
            state.types.put(node.outputs().get(i), type);
            state.sequences.remove(node.outputs().get(i));
        }
    }

    @Override
    public void setOutputValues(int i, ConstantValues v) {
        if (i < node.outputs().size() && !node.outputs().get(i).isEmpty() && v.size() <= ConstantValues.MAX_ELEMENTS) {
            state.values.put(node.outputs().get(i), v);
        }
    }

    @Override
    public void setOutputSequence(int i, SequenceValue s) {
        if (i < node.outputs().size() && !node.outputs().get(i).isEmpty()) {
            state.sequences.put(node.outputs().get(i), s);
            state.types.remove(node.outputs().get(i));
        }
    }

    @Override
    public SubgraphResult inferSubgraph(
            Graph body,
            List<TensorType> inputs,
            List<Optional<ConstantValues>> values,
            List<Optional<SequenceValue>> sequences) {
        return state.runSubgraph(body, inputs, values, sequences, messages);
    }

    @Override
    public dev.modelcost.core.ir.Dim dataSymbol(String name) {
        state.dataSymbols.add(name);
        return dev.modelcost.core.ir.DimArithmetic.substitute(
                dev.modelcost.core.ir.Dim.symbol(name), state.fixedSymbols);
    }

    @Override
    public void diagnose(String message) {
        messages.add(message);
    }

    List<String> messages() {
        return messages;
    }
}
