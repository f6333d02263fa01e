package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small graph builder for rule tests: multi-output nodes, attributes of any kind, an opset of choice. */
final class Nodes {
    final List<Node> nodes = new ArrayList<>();
    final List<ValueInfo> inputs = new ArrayList<>();
    final List<ValueInfo> outputs = new ArrayList<>();
    final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final int opset;

    Nodes(int opset) {
        this.opset = opset;
    }

    Nodes input(String name, DType t, long... dims) {
        inputs.add(new ValueInfo(name, TensorType.of(t, dims)));
        return this;
    }

    Nodes input(String name, long... dims) {
        return input(name, DType.FLOAT32, dims);
    }

    Nodes ints(String name, long[] dims, long... values) {
        tensors.put(
                name,
                new Tensor(
                        name,
                        DType.INT64,
                        Shape.of(dims),
                        null,
                        null,
                        new Storage(Storage.MODEL_FILE, 0, 8L * values.length, Storage.Encoding.RAW),
                        ConstantValues.ofLongs(values)));
        return this;
    }

    Nodes vector(String name, long... values) {
        return ints(name, new long[] {values.length}, values);
    }

    Nodes scalar(String name, long value) {
        return ints(name, new long[0], value);
    }

    Nodes floats(String name, double... values) {
        tensors.put(
                name,
                new Tensor(
                        name,
                        DType.FLOAT32,
                        Shape.of(values.length),
                        null,
                        null,
                        new Storage(Storage.MODEL_FILE, 0, 4L * values.length, Storage.Encoding.RAW),
                        ConstantValues.ofDoubles(values)));
        return this;
    }

    Nodes weight(String name, long... dims) {
        tensors.put(
                name,
                Tensor.of(
                        name,
                        DType.FLOAT32,
                        Shape.of(dims),
                        new Storage(
                                Storage.MODEL_FILE,
                                0,
                                4 * Shape.of(dims).elementCount().getAsLong(),
                                Storage.Encoding.RAW)));
        return this;
    }

    Nodes node(String op, List<String> in, List<String> out, Map<String, Attr> attrs) {
        nodes.add(new Node(out.get(0), "", op, in, out, attrs));
        return this;
    }

    Nodes node(String op, List<String> in, String out, Map<String, Attr> attrs) {
        return node(op, in, List.of(out), attrs);
    }

    Nodes node(String op, List<String> in, String out) {
        return node(op, in, List.of(out), Map.of());
    }

    Nodes output(String name) {
        outputs.add(new ValueInfo(name, TensorType.UNKNOWN));
        return this;
    }

    Graph graph(String name) {
        return new Graph(name, nodes, inputs, outputs, tensors, Map.of(), Map.of("", opset));
    }

    InferredTypes infer() {
        return ShapeInference.run(graph("test"), Assumptions.DEFAULT, OpRegistry.standard());
    }

    static Attr.Int i(long v) {
        return new Attr.Int(v);
    }

    static Attr.Str s(String v) {
        return new Attr.Str(v);
    }

    static Attr.Ints is(long... v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) {
            l.add(x);
        }
        return new Attr.Ints(l);
    }
}
