package dev.modelcost.onnx;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph as read, before the opset imports (which ONNX writes after the graph) are known.
 * Subgraph attributes hold drafts too; {@link #build} turns the tree into immutable IR graphs.
 */
final class GraphDraft {
    String name = "";
    final List<NodeDraft> nodes = new ArrayList<>();
    final List<ValueInfo> inputs = new ArrayList<>();
    final List<ValueInfo> outputs = new ArrayList<>();
    final Map<String, Tensor> tensors = new LinkedHashMap<>();
    final Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();

    record NodeDraft(
            String name,
            String domain,
            String opType,
            List<String> inputs,
            List<String> outputs,
            Map<String, Object> attributes) {}

    Graph build(Map<String, Integer> opsets) {
        List<Node> built = new ArrayList<>(nodes.size());
        for (NodeDraft n : nodes) {
            Map<String, Attr> attrs = new LinkedHashMap<>();
            n.attributes().forEach((k, v) -> attrs.put(k, toAttr(v, opsets)));
            built.add(new Node(n.name(), n.domain(), n.opType(), n.inputs(), n.outputs(), attrs));
        }
        return new Graph(name, built, inputs, outputs, tensors, valueInfos, opsets);
    }

    @SuppressWarnings("unchecked")
    private static Attr toAttr(Object v, Map<String, Integer> opsets) {
        if (v instanceof GraphDraft g) {
            return new Attr.GraphValue(g.build(opsets));
        }
        if (v instanceof List<?> list) {
            return new Attr.Graphs(
                    ((List<GraphDraft>) list).stream().map(g -> g.build(opsets)).toList());
        }
        return (Attr) v;
    }
}
