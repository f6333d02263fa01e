package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Presents a node's inputs in another order (QLinearConv's X, W, B at 0, 3, 8 as a Conv's 0, 1, 2), so
 * that quantized and integer ops reuse the float ops' rules. Outputs may take a fixed element type.
 */
final class RemappedContext implements InferenceContext {
    private final InferenceContext inner;
    private final int[] inputs;
    private final Node node;
    private final dev.modelcost.core.ir.DType outputType;

    RemappedContext(InferenceContext inner, int[] inputs, dev.modelcost.core.ir.DType outputType) {
        this.inner = inner;
        this.inputs = inputs;
        this.outputType = outputType;
        Node n = inner.node();
        List<String> names = new ArrayList<>();
        for (int i : inputs) {
            names.add(n.input(i));
        }
        this.node = new Node(n.name(), n.domain(), n.opType(), names, n.outputs(), n.attributes());
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public int opset() {
        return inner.opset();
    }

    @Override
    public int inputCount() {
        return inputs.length;
    }

    @Override
    public TensorType input(int i) {
        return i < inputs.length ? inner.input(inputs[i]) : TensorType.UNKNOWN;
    }

    @Override
    public Optional<ConstantValues> inputValues(int i) {
        return i < inputs.length ? inner.inputValues(inputs[i]) : Optional.empty();
    }

    @Override
    public boolean inputIsStored(int i) {
        return i < inputs.length && inner.inputIsStored(inputs[i]);
    }

    @Override
    public TensorType output(int i) {
        return inner.output(i);
    }

    @Override
    public void setOutput(int i, TensorType type) {
        inner.setOutput(i, outputType == null ? type : new TensorType(outputType, type.shape()));
    }

    @Override
    public void setOutputValues(int i, ConstantValues values) {}

    @Override
    public void diagnose(String message) {
        inner.diagnose(message);
    }
}
