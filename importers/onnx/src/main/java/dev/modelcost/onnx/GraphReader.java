package dev.modelcost.onnx;

import com.google.protobuf.WireFormat;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GraphProto, NodeProto and AttributeProto by hand, since any of them can hold tensors whose
 * payloads must be skipped, not loaded. Constant nodes become stored tensors under their output's name.
 * Subgraph nesting is bounded by {@link ImportOptions#maxSubgraphDepth()}.
 */
final class GraphReader {
    private static final long NAME_LIMIT = 1 << 20;
    private static final int MAX_LIST = 1 << 22;

    private final ProtoCursor in;
    private final TensorReader tensors;
    private final ImportTally tally;
    private final ImportOptions options;
    private int nodeCount;

    GraphReader(ProtoCursor in, TensorReader tensors, ImportTally tally, ImportOptions options) {
        this.in = in;
        this.tensors = tensors;
        this.tally = tally;
        this.options = options;
    }

    GraphDraft read(int depth) throws IOException {
        if (depth > options.maxSubgraphDepth()) {
            throw in.malformed(in.position(), "subgraphs nested deeper than " + options.maxSubgraphDepth());
        }
        StructureLedger ledger = tally.structure;
        ledger.begin(StructureLedger.Part.GRAPH);
        int token = in.enter();
        GraphDraft g = new GraphDraft();
        List<ValueInfo> valueInfos = new ArrayList<>();
        int tag;
        while (true) {
            long tagOffset = in.position();
            if ((tag = in.tag()) == 0) {
                break;
            }
            switch (ProtoCursor.field(tag)) {
                case 1 -> readNode(g, depth);
                case 2 -> {
                    g.name = in.string(NAME_LIMIT);
                    ledger.name(in.lastLength());
                }
                case 5 -> {
                    Tensor t = tensors.read(tagOffset, "");
                    g.tensors.put(t.name(), t);
                }
                case 11 -> g.inputs.add(valueInfo());
                case 12 -> g.outputs.add(valueInfo());
                case 13 -> valueInfos.add(valueInfo());
                case 10 -> ledger.docString(in.skipContent(tag));
                case 15 -> readSparse(g, tagOffset);
                default -> in.skipField(tag);
            }
        }
        in.leave(token);
        ledger.end();
        for (ValueInfo v : valueInfos) {
            g.valueInfos.put(v.name(), v);
        }
        for (ValueInfo v : g.outputs) {
            g.valueInfos.putIfAbsent(v.name(), v);
        }
        return g;
    }

    private ValueInfo valueInfo() throws IOException {
        StructureLedger ledger = tally.structure;
        ledger.begin(StructureLedger.Part.VALUE_INFO);
        OnnxSchema.ValueInfo v =
                OnnxSchema.ValueInfo.parseFrom(in.message(MessageKind.VALUE_INFO, options.maxMetadataBytes()));
        if (v.hasName()) {
            ledger.name(v.getNameBytes().size());
        }
        if (v.hasDocString()) {
            ledger.docString(v.getDocStringBytes().size());
        }
        ledger.end();
        return ValueInfos.toIr(v);
    }

    private void readSparse(GraphDraft g, long tagOffset) throws IOException {
        tally.structure.begin(StructureLedger.Part.SPARSE_TENSOR);
        int token = in.enter();
        Tensor values = null;
        Tensor indices = null;
        int tag;
        while (true) {
            long at = in.position();
            if ((tag = in.tag()) == 0) {
                break;
            }
            switch (ProtoCursor.field(tag)) {
                case 1 -> values = tensors.read(at, "");
                case 2 -> indices = tensors.read(at, "");
                default -> in.skipField(tag);
            }
        }
        in.leave(token);
        tally.structure.end();
        if (values != null) {
            g.tensors.put(values.name(), values);
            tally.diagnostic(Diagnostic.info("sparse initializer '" + values.name() + "': " + values.shape()
                    + " stored values counted; its dense shape is not propagated"));
        }
        if (indices != null) {
            String name = (values == null ? "sparse" : values.name()) + "/indices";
            g.tensors.put(
                    name,
                    new Tensor(
                            name,
                            indices.dtype(),
                            indices.shape(),
                            dev.modelcost.core.ir.TensorRole.CONSTANT,
                            false,
                            indices.storage(),
                            null));
        }
    }

    private void readNode(GraphDraft g, int depth) throws IOException {
        if (++nodeCount > options.maxNodes()) {
            throw in.malformed(in.position(), "more than " + options.maxNodes() + " nodes");
        }
        StructureLedger ledger = tally.structure;
        ledger.begin(StructureLedger.Part.NODE);
        int token = in.enter();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        Map<String, Object> attrs = new LinkedHashMap<>();
        int tag;
        while ((tag = in.tag()) != 0) {
            switch (ProtoCursor.field(tag)) {
                case 1 -> inputs.add(in.string(NAME_LIMIT));
                case 2 -> outputs.add(in.string(NAME_LIMIT));
                case 3 -> {
                    name = in.string(NAME_LIMIT);
                    ledger.name(in.lastLength());
                }
                case 4 -> opType = in.string(NAME_LIMIT);
                case 5 -> readAttribute(attrs, depth);
                case 6 -> ledger.docString(in.skipContent(tag));
                case 7 -> domain = in.string(NAME_LIMIT);
                default -> in.skipField(tag);
            }
        }
        in.leave(token);
        ledger.end();
        if (opType.equals("Constant")
                && (domain.isEmpty() || domain.equals("ai.onnx"))
                && outputs.size() == 1
                && addConstant(g, outputs.get(0), attrs)) {
            return;
        }
        for (Object v : attrs.values()) {
            if (v instanceof Attr.TensorValue tv) {
                ledger.unregisteredPayload(tv.tensor().storage()); // an operator's attribute, not a graph tensor
            }
        }
        g.nodes.add(new GraphDraft.NodeDraft(name, domain, opType, inputs, outputs, attrs));
    }

    /** Registers a Constant node's value as a stored tensor; false when its value form is not a tensor we can type. */
    private static boolean addConstant(GraphDraft g, String output, Map<String, Object> attrs) {
        Object v = attrs.size() == 1 ? attrs.values().iterator().next() : null;
        Tensor t;
        Storage inNode = new Storage(Storage.MODEL_FILE, -1, 0, Storage.Encoding.ABSENT);
        if (v instanceof Attr.TensorValue tv) {
            Tensor src = tv.tensor();
            t = new Tensor(output, src.dtype(), src.shape(), null, null, src.storage(), src.values());
        } else if (v instanceof Attr.Int i) {
            t = new Tensor(output, DType.INT64, Shape.SCALAR, null, null, inNode, ConstantValues.ofLongs(i.value()));
        } else if (v instanceof Attr.Ints i) {
            t = new Tensor(
                    output,
                    DType.INT64,
                    Shape.of(i.values().size()),
                    null,
                    null,
                    inNode,
                    ConstantValues.ofLongs(i.toArray()));
        } else if (v instanceof Attr.Float f) {
            t = new Tensor(
                    output, DType.FLOAT32, Shape.SCALAR, null, null, inNode, ConstantValues.ofDoubles(f.value()));
        } else if (v instanceof Attr.Floats f) {
            t = new Tensor(
                    output,
                    DType.FLOAT32,
                    Shape.of(f.values().size()),
                    null,
                    null,
                    inNode,
                    ConstantValues.ofDoubles(
                            f.values().stream().mapToDouble(Double::doubleValue).toArray()));
        } else {
            return false;
        }
        g.tensors.put(output, t);
        return true;
    }

    private void readAttribute(Map<String, Object> attrs, int depth) throws IOException {
        StructureLedger ledger = tally.structure;
        ledger.begin(StructureLedger.Part.ATTRIBUTE);
        int token = in.enter();
        String name = "";
        Object value = null;
        List<Long> ints = new ArrayList<>();
        List<Double> floats = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        List<GraphDraft> graphs = new ArrayList<>();
        int kind = 0;
        int tag;
        while (true) {
            long at = in.position();
            if ((tag = in.tag()) == 0) {
                break;
            }
            int wire = ProtoCursor.wireType(tag);
            switch (ProtoCursor.field(tag)) {
                case 1 -> name = in.string(NAME_LIMIT);
                case 2 -> value = new Attr.Float(Float.intBitsToFloat(in.fixed32()));
                case 3 -> value = new Attr.Int(in.varint());
                case 4 -> value = new Attr.Str(in.string(options.maxMetadataBytes()));
                case 5 -> value = new Attr.TensorValue(tensors.read(at, ""));
                case 6 -> value = read(depth + 1);
                case 7 -> readRepeatedFloat(wire, floats);
                case 8 -> readRepeatedVarint(wire, ints);
                case 9 -> strings.add(in.string(options.maxMetadataBytes()));
                case 10 -> {
                    ledger.unregisteredPayload(tensors.read(at, "").storage());
                    value = new Attr.Opaque("tensors");
                }
                case 11 -> graphs.add(read(depth + 1));
                case 13 -> ledger.docString(in.skipContent(tag));
                case 20 -> kind = (int) in.varint();
                case 22, 23 -> {
                    walkMessage(tag, MessageKind.SPARSE_TENSOR);
                    value = new Attr.Opaque("sparse_tensor");
                }
                default -> in.skipField(tag);
            }
        }
        in.leave(token);
        ledger.end();
        if (kind == OnnxSchema.Attribute.Kind.INTS_VALUE || value == null && !ints.isEmpty()) {
            value = new Attr.Ints(ints);
        } else if (kind == OnnxSchema.Attribute.Kind.FLOATS_VALUE || value == null && !floats.isEmpty()) {
            value = new Attr.Floats(floats);
        } else if (kind == OnnxSchema.Attribute.Kind.STRINGS_VALUE || value == null && !strings.isEmpty()) {
            value = new Attr.Strs(strings);
        } else if (kind == OnnxSchema.Attribute.Kind.GRAPHS_VALUE || value == null && !graphs.isEmpty()) {
            value = graphs;
        }
        if (value == null) {
            value = kind == OnnxSchema.Attribute.Kind.INT_VALUE
                    ? new Attr.Int(0)
                    : kind == OnnxSchema.Attribute.Kind.FLOAT_VALUE ? new Attr.Float(0) : new Attr.Opaque("empty");
        }
        attrs.put(name, value);
    }

    /** Skips a sub-message the model IR does not use, counting its framing. */
    private void walkMessage(int tag, MessageKind type) throws IOException {
        if (ProtoCursor.wireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            in.skipField(tag);
            return;
        }
        int token = in.enter();
        in.walk(type, 0);
        in.leave(token);
    }

    private void readRepeatedVarint(int wire, List<Long> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int token = in.enter();
            while (in.remainingInLimit() > 0) {
                out.add(in.varint());
                checkCount(out);
            }
            in.leave(token);
        } else {
            out.add(in.varint());
            checkCount(out);
        }
    }

    private void checkCount(List<?> list) {
        if (list.size() > MAX_LIST) {
            throw in.malformed(in.position(), "attribute list longer than " + MAX_LIST + " entries");
        }
    }

    private void readRepeatedFloat(int wire, List<Double> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int token = in.enter();
            while (in.remainingInLimit() >= 4) {
                out.add((double) Float.intBitsToFloat(in.fixed32()));
                checkCount(out);
            }
            in.leave(token);
        } else {
            out.add((double) Float.intBitsToFloat(in.fixed32()));
        }
    }
}
