package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.importer.keras.rules.KerasRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what a Keras file holds (weights with their owning layers, optimizer and other datasets,
 * byte sections) and builds the graph: one node per layer call in domain "keras", its data inputs first
 * and then the layer's weights, one tensor per weight dataset.
 */
final class GraphAssembler {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, List<String>> weightsOfLayer = new LinkedHashMap<>();
    private final List<FileSection> sections = new ArrayList<>();
    private final List<String> diagnostics = new ArrayList<>();
    private long datasetBytes;
    private long optimizerBytes;
    private int optimizerDatasets;
    private int optimizerSlots;
    private long otherBytes;
    private int otherDatasets;

    /** A weight of {@code owner} (qualified layer name, or null when no layer of the config claims it). */
    void addWeight(H5Dataset d, long baseOffset, String name, TensorRole role, Boolean trainable, String owner) {
        String unique = name;
        for (int i = 2; tensors.containsKey(unique); i++) {
            unique = name + "~" + i;
        }
        Storage.Encoding enc = d.storageBytes() == 0
                ? Storage.Encoding.ABSENT
                : d.layout().equals("chunked") ? Storage.Encoding.CHUNKED : Storage.Encoding.RAW;
        long offset = d.address() < 0 ? -1 : baseOffset + d.address();
        Storage s = new Storage(Storage.MODEL_FILE, offset, d.storageBytes(), enc);
        boolean train = trainable == null ? role.trainableByDefault() : trainable && role.trainableByDefault();
        tensors.put(unique, new Tensor(unique, d.dtype(), Shape.of(d.shape()), role, train, s, null));
        datasetBytes += d.storageBytes();
        if (owner != null) {
            weightsOfLayer.computeIfAbsent(owner, k -> new ArrayList<>()).add(unique);
        }
    }

    void addOptimizer(H5Dataset d) {
        optimizerBytes += d.storageBytes();
        optimizerDatasets++;
        if (d.shape().length > 0) {
            optimizerSlots++;
        }
        datasetBytes += d.storageBytes();
    }

    void addOther(H5Dataset d) {
        otherBytes += d.storageBytes();
        otherDatasets++;
        datasetBytes += d.storageBytes();
    }

    void diagnose(String message) {
        diagnostics.add(message);
    }

    void section(FileSection s) {
        sections.add(s);
    }

    /** Bytes of every dataset seen so far (weights, optimizer, other). */
    long datasetBytes() {
        return datasetBytes;
    }

    long optimizerBytes() {
        return optimizerBytes;
    }

    int optimizerDatasets() {
        return optimizerDatasets;
    }

    int optimizerSlots() {
        return optimizerSlots;
    }

    List<String> diagnostics() {
        return diagnostics;
    }

    /** Adds the optimizer and other-dataset sections; call once after all datasets. */
    void closeDatasetSections(String optimizerWhat, String otherWhat) {
        if (optimizerDatasets > 0) {
            sections.add(new FileSection(
                    LedgerCategory.OPTIMIZER_STATE, optimizerWhat, "", -1, optimizerBytes, optimizerDatasets));
        }
        if (otherDatasets > 0) {
            sections.add(new FileSection(LedgerCategory.CONSTANTS, otherWhat, "", -1, otherBytes, otherDatasets));
        }
    }

    List<FileSection> sections() {
        return sections;
    }

    Graph build(String name, Topology topo) {
        List<Node> nodes = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        if (topo != null) {
            inputs.addAll(topo.inputs());
            topo.outputs().forEach(o -> outputs.add(new ValueInfo(o, TensorType.UNKNOWN)));
            Set<String> unknownClasses = new LinkedHashSet<>();
            for (Topology.Call c : topo.calls()) {
                Topology.Layer l = c.layer();
                List<String> ins = new ArrayList<>(c.inputs());
                ins.addAll(weightsOfLayer.getOrDefault(l.qualifiedName(), List.of()));
                Map<String, Attr> attrs = LayerAttrs.of(l.className(), l.config());
                attrs.putAll(LayerAttrs.callArguments(c.kwargs()));
                nodes.add(new Node(c.nodeName(), KerasRules.DOMAIN, l.className(), ins, c.outputs(), attrs));
                if (!KerasRules.hasRule(l.className()) && unknownClasses.add(l.className())) {
                    diagnostics.add(
                            "layer '" + l.qualifiedName() + "' (" + l.className() + ") has no shape rule: "
                                    + "its output shape and every shape computed from it are unknown, its MACs are not counted");
                }
            }
            for (String owner : weightsOfLayer.keySet()) {
                Topology.Layer l = topo.layers().get(owner);
                if (l != null && topo.calls().stream().noneMatch(c -> c.layer() == l)) {
                    diagnostics.add(
                            "layer '" + owner + "' has weights but is never called in the model; they are counted");
                }
            }
            diagnostics.addAll(topo.diagnostics());
        }
        return new Graph(name, nodes, inputs, outputs, tensors, Map.of(), Map.of());
    }
}
