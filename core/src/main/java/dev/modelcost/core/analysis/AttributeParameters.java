package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters that ops keep in node attributes instead of tensors (ai.onnx.ml tree ensembles, linear models, SVMs,
 * scalers): each attribute whose rule gives it a role ({@link OpRule#roleOfAttribute}) becomes a tensor named
 * {@code "<node label>:<attribute>"}, never trainable (these ops have no gradient), with no storage of its own:
 * its bytes are part of the node attributes in the file's ledger. Each node's attributes are counted once.
 */
public final class AttributeParameters {
    private AttributeParameters() {}

    /** The attribute parameters of every node of the graph and its subgraphs, by name, in the file's order. */
    public static Map<String, Tensor> of(Graph root, OpRegistry registry) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Graph g : GraphWalk.allGraphs(root)) {
            for (Node n : g.nodes()) {
                Optional<OpRule> rule = registry.find(n.domain(), n.opType(), g.opsetFor(n.domain()));
                if (rule.isPresent()) {
                    forNode(n, rule.get()).forEach(t -> out.putIfAbsent(t.name(), t));
                }
            }
        }
        return out;
    }

    /** Names of the attribute parameters {@code n} would have; absent names are skipped by the caller. */
    static List<String> namesOf(Node n) {
        List<String> out = new ArrayList<>();
        n.attributes().keySet().stream().sorted().forEach(a -> out.add(nameOf(n, a)));
        return out;
    }

    static String nameOf(Node n, String attribute) {
        return n.label() + ":" + attribute;
    }

    private static List<Tensor> forNode(Node n, OpRule rule) {
        List<Tensor> out = new ArrayList<>();
        n.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            TensorRole role = rule.roleOfAttribute(e.getKey());
            Tensor values = role == null || !role.isParameter() ? null : asTensor(nameOf(n, e.getKey()), e.getValue());
            if (values != null) {
                out.add(values.withRole(role, false));
            }
        });
        return out;
    }

    /** ONNX attribute floats are float32 and ints int64; a tensor attribute keeps its own type. */
    private static Tensor asTensor(String name, Attr a) {
        if (a instanceof Attr.Floats f) {
            return Tensor.of(name, DType.FLOAT32, Shape.of(f.values().size()), null);
        }
        if (a instanceof Attr.Ints i) {
            return Tensor.of(name, DType.INT64, Shape.of(i.values().size()), null);
        }
        if (a instanceof Attr.Float || a instanceof Attr.Int) {
            return Tensor.of(name, a instanceof Attr.Float ? DType.FLOAT32 : DType.INT64, Shape.SCALAR, null);
        }
        return a instanceof Attr.TensorValue t
                ? Tensor.of(name, t.tensor().dtype(), t.tensor().shape(), null)
                : null;
    }
}
