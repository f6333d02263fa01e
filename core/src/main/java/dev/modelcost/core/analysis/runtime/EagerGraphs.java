package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The exported graph turned back into the eager model's ops, for the training step's simulation. */
final class EagerGraphs {
    private EagerGraphs() {}

    /**
     * {@code Mul(v, Sigmoid(v))} where nothing else reads {@code v} is {@code nn.SiLU(inplace=True)}: one op, which
     * autograd makes keep a copy of its input while it overwrites it. It is written as one activation that keeps its
     * input and writes a new output (the rule of HardSwish, an activation with the same memory behaviour).
     */
    static Graph fuseSilu(Graph g) {
        Map<String, List<Node>> readers = new HashMap<>();
        for (Node n : g.nodes()) {
            for (String in : Set.copyOf(n.inputs())) {
                readers.computeIfAbsent(in, x -> new ArrayList<>()).add(n);
            }
        }
        Map<Node, Node> replaced = new HashMap<>();
        for (Node sig : g.nodes()) {
            if (!sig.opType().equals("Sigmoid")
                    || !sig.domain().isEmpty()
                    || sig.outputs().size() != 1) {
                continue;
            }
            String v = sig.input(0);
            List<Node> sigReaders = readers.getOrDefault(sig.outputs().get(0), List.of());
            List<Node> vReaders = readers.getOrDefault(v, List.of());
            if (sigReaders.size() != 1 || vReaders.size() != 2) {
                continue;
            }
            Node mul = sigReaders.get(0);
            if (mul.opType().equals("Mul")
                    && vReaders.contains(mul)
                    && Set.copyOf(mul.inputs()).size() == 2) {
                replaced.put(sig, null);
                replaced.put(mul, new Node(mul.name(), "", "HardSwish", List.of(v), mul.outputs(), Map.of()));
            }
        }
        if (replaced.isEmpty()) {
            return g;
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            Node r = replaced.containsKey(n) ? replaced.get(n) : n;
            if (r != null) {
                nodes.add(r);
            }
        }
        return new Graph(g.name(), nodes, g.inputs(), g.outputs(), g.tensors(), g.declaredValues(), g.opsets());
    }

    /** The graph with a BatchNormalization after every convolution the exporter folded one into. */
    static Graph unfoldBatchNorms(Graph g, InferredTypes types, Map<String, Tensor> tensors) {
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> stored = new LinkedHashMap<>(g.tensors());
        boolean changed = false;
        for (Node n : g.nodes()) {
            TensorType w = types.typeOf(n.input(1));
            if (!FoldedBatchNorm.isFolded(n)
                    || !w.shape().isFullyKnown()
                    || w.shape().rank() < 1) {
                nodes.add(n);
                continue;
            }
            changed = true;
            String out = n.outputs().get(0);
            String convOut = out + "#conv";
            List<String> outs = new ArrayList<>(n.outputs());
            outs.set(0, convOut);
            nodes.add(new Node(n.name(), n.domain(), n.opType(), n.inputs(), outs, n.attributes()));
            long channels = w.shape().sizes()[0];
            List<String> ins = new ArrayList<>(List.of(convOut));
            String[] parts = {"scale", "bias", "mean", "var"};
            for (int i = 0; i < parts.length; i++) {
                String name = out + "#bn." + parts[i];
                TensorRole role = i < 2 ? TensorRole.NORM_SCALE_SHIFT : TensorRole.NORM_STATISTIC;
                Tensor t = new Tensor(name, DType.FLOAT32, Shape.of(channels), role, i < 2, null, null);
                stored.put(name, t);
                tensors.put(name, t);
                ins.add(name);
            }
            nodes.add(new Node(
                    n.name() + "/BatchNorm",
                    "",
                    "BatchNormalization",
                    ins,
                    List.of(out),
                    Map.of("epsilon", new Attr.Float(1e-5))));
        }
        return changed
                ? new Graph(g.name(), nodes, g.inputs(), g.outputs(), stored, g.declaredValues(), g.opsets())
                : g;
    }
}
