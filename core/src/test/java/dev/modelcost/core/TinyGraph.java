package dev.modelcost.core;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small inline graphs for rule and analysis tests. */
public final class TinyGraph {
    private final List<Node> nodes = new ArrayList<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public TinyGraph input(String name, long... dims) {
        inputs.add(new ValueInfo(name, TensorType.of(DType.FLOAT32, dims)));
        return this;
    }

    /** An input whose first dimension is the symbol {@code batchSymbol}, the others fixed. */
    public TinyGraph symbolicInput(String name, String batchSymbol, long... rest) {
        List<dev.modelcost.core.ir.Dim> dims = new ArrayList<>();
        dims.add(new dev.modelcost.core.ir.Dim.Symbolic(batchSymbol));
        for (long d : rest) {
            dims.add(dev.modelcost.core.ir.Dim.of(d));
        }
        inputs.add(new ValueInfo(name, new TensorType(DType.FLOAT32, dev.modelcost.core.ir.Shape.of(dims))));
        return this;
    }

    public TinyGraph output(String name) {
        outputs.add(new ValueInfo(name, TensorType.UNKNOWN));
        return this;
    }

    public TinyGraph weight(String name, long... dims) {
        return tensor(name, DType.FLOAT32, dims);
    }

    public TinyGraph tensor(String name, DType dtype, long... dims) {
        Shape s = Shape.of(dims);
        long bytes = dtype.bytesFor(s.elementCount().getAsLong()).getAsLong();
        tensors.put(name, Tensor.of(name, dtype, s, new Storage(Storage.MODEL_FILE, 0, bytes, Storage.Encoding.RAW)));
        return this;
    }

    public TinyGraph ints(String name, long... values) {
        tensors.put(
                name,
                new Tensor(
                        name,
                        DType.INT64,
                        Shape.of(values.length),
                        null,
                        null,
                        new Storage(Storage.MODEL_FILE, 0, 8L * values.length, Storage.Encoding.RAW),
                        dev.modelcost.core.ir.ConstantValues.ofLongs(values)));
        return this;
    }

    public TinyGraph node(String op, List<String> in, String out, Map<String, Attr> attrs) {
        nodes.add(new Node(out, "", op, in, List.of(out), attrs));
        return this;
    }

    /** A node with its own name (a module path such as {@code /block/conv/Conv}), not its output's. */
    public TinyGraph named(String nodeName, String op, List<String> in, String out, Map<String, Attr> attrs) {
        nodes.add(new Node(nodeName, "", op, in, List.of(out), attrs));
        return this;
    }

    public TinyGraph node(String op, List<String> in, String out) {
        return node(op, in, out, Map.of());
    }

    public Graph build() {
        return new Graph("tiny", nodes, inputs, outputs, tensors, Map.of(), Map.of("", 13));
    }

    public static Attr.Ints ints(long... v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) {
            l.add(x);
        }
        return new Attr.Ints(l);
    }
}
