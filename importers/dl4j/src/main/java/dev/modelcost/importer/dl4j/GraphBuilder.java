package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.DeclaredOutput;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates the IR of a DL4J network: one node per layer, vertex or preprocessor, one tensor per
 * parameter array laid out along the flattened parameter vector, and each value's declared type.
 */
final class GraphBuilder {
    /** Encodes where a parameter's bytes are, given its position in the flattened vector (in elements). */
    interface StorageFn {
        Storage at(long offsetElements, long elements);
    }

    /** A value of the graph with its declared per-sample type. */
    record Value(String name, Shape shape) {}

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, ValueInfo> declared = new LinkedHashMap<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Set<String> valueNames = new HashSet<>();
    private final Map<String, Integer> suffixes = new HashMap<>();
    private final DType paramDType;
    private final DType activationDType;
    private final StorageFn storage;
    private long offsetElements;

    GraphBuilder(DType paramDType, DType activationDType, StorageFn storage) {
        this.paramDType = paramDType;
        this.activationDType = activationDType;
        this.storage = storage;
    }

    long parameterElements() {
        return offsetElements;
    }

    Value input(String name, Shape shape) {
        ValueInfo v = new ValueInfo(name, new TensorType(activationDType, shape));
        inputs.add(v);
        valueNames.add(name);
        return new Value(name, shape);
    }

    void output(Value v) {
        outputs.add(new ValueInfo(v.name(), new TensorType(activationDType, v.shape())));
    }

    /** Adds the parameters of a layer in flattening order and returns their tensor names. */
    List<String> parameters(String layerName, List<ParamLayout.Param> params) {
        List<String> names = new ArrayList<>();
        for (ParamLayout.Param p : params) {
            String name = uniqueTensorName(layerName + "_" + p.key());
            long n = p.elements();
            tensors.put(
                    name,
                    new Tensor(
                            name,
                            paramDType,
                            Shape.of(p.shape()),
                            p.role(),
                            p.trainable(),
                            storage.at(offsetElements, n),
                            null));
            offsetElements = Math.addExact(offsetElements, n);
            names.add(name);
        }
        return names;
    }

    /**
     * Adds one node. {@code inputShape} is the first input's declared shape (for the time dimension);
     * {@code outShape} the declared output (UNKNOWN_RANK when not known).
     */
    Value node(
            String name,
            String opType,
            List<String> inputNames,
            List<String> paramNames,
            Shape outShape,
            boolean keepsTime,
            Map<String, Attr> attributes) {
        String out = uniqueValueName(name);
        valueNames.add(out);
        List<String> ins = new ArrayList<>(inputNames);
        ins.addAll(paramNames);
        Map<String, Attr> attrs = new LinkedHashMap<>(attributes);
        if (outShape.hasRank()) {
            List<DeclaredOutput.Axis> axes = new ArrayList<>();
            for (int i = 0; i < outShape.rank(); i++) {
                Dim d = outShape.dim(i);
                axes.add(
                        i == 0
                                ? new DeclaredOutput.Axis.InputBatch()
                                : d.isFixed()
                                        ? new DeclaredOutput.Axis.Fixed(d.size())
                                        : d instanceof Dim.Symbolic s
                                                        && s.name().equals(Dl4jTypes.TIME)
                                                        && keepsTime
                                                ? new DeclaredOutput.Axis.InputTime()
                                                : new DeclaredOutput.Axis.Unknown());
            }
            attrs.put(
                    Dl4jLayerRule.DECLARED_OUTPUT,
                    new Attr.DeclaredOutputValue(new DeclaredOutput(activationDType, axes)));
            declared.put(out, new ValueInfo(out, new TensorType(activationDType, outShape)));
        }
        nodes.add(new Node(name, Dl4jLayerRule.DOMAIN, opType, ins, List.of(out), attrs));
        return new Value(out, outShape);
    }

    /** A stored tensor no node uses (parameters the configuration does not account for). */
    void unattributed(String name, long elements) {
        tensors.put(
                name,
                new Tensor(
                        name,
                        paramDType,
                        Shape.of(elements),
                        TensorRole.OTHER_PARAMETER,
                        Boolean.TRUE,
                        storage.at(offsetElements, elements),
                        null));
        offsetElements = Math.addExact(offsetElements, elements);
    }

    Graph build(String name) {
        return new Graph(name, nodes, inputs, outputs, tensors, declared, Map.of(Dl4jLayerRule.DOMAIN, 1));
    }

    private String uniqueValueName(String base) {
        String n = base;
        int i = suffixes.getOrDefault(base, 1);
        while (valueNames.contains(n) || tensors.containsKey(n)) {
            n = base + "#" + i++;
        }
        suffixes.put(base, i);
        return n;
    }

    private String uniqueTensorName(String base) {
        String n = base;
        int i = suffixes.getOrDefault("tensor:" + base, 1);
        while (tensors.containsKey(n)) {
            n = base + "#" + i++;
        }
        suffixes.put("tensor:" + base, i);
        return n;
    }
}
