package dev.modelcost.onnx;

import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes every byte of the ONNX file to the structure that holds it, while the reader streams through it.
 * Readers open a frame when a structure's field starts (its tag included) and close it at its end; a frame's
 * own bytes are its total minus its children's, split into protobuf framing (tags and length prefixes, counted
 * by {@link ProtoCursor}), tensor payloads (explained by each tensor's storage), names and doc strings, and the
 * rest, its content. Nothing is read twice, and the root frame spans the whole file, so the parts add up exactly.
 */
final class StructureLedger {

    /** The structures of an ONNX file, each with where its content goes in the ledger. */
    enum Part {
        MODEL(
                LedgerCategory.GRAPH_AND_CONFIG,
                "model header: IR version, producer, domain, model version",
                Framing.MODEL),
        GRAPH(
                LedgerCategory.GRAPH_AND_CONFIG,
                "graph fields other than names (quantization annotations, unknown fields)",
                Framing.MODEL),
        NODE(
                LedgerCategory.GRAPH_AND_CONFIG,
                "node definitions: op types, domains, input and output references",
                Framing.NODES),
        ATTRIBUTE(LedgerCategory.GRAPH_AND_CONFIG, "node attributes: names, kinds and values", Framing.NODES),
        TENSOR(LedgerCategory.CONTAINER_OVERHEAD, "tensor headers: dims and element types", Framing.TENSORS),
        SPARSE_TENSOR(LedgerCategory.CONTAINER_OVERHEAD, "tensor headers: dims and element types", Framing.TENSORS),
        EXTERNAL_DATA_KEYS(
                LedgerCategory.CONTAINER_OVERHEAD,
                "external-data references: location, offset and length keys and values",
                Framing.TENSORS),
        VALUE_INFO(
                LedgerCategory.GRAPH_AND_CONFIG,
                "value infos: element types and shapes of graph inputs, outputs and intermediate values",
                Framing.VALUE_INFOS),
        OPSET_IMPORT(LedgerCategory.GRAPH_AND_CONFIG, "opset imports", Framing.MODEL),
        METADATA(LedgerCategory.GRAPH_AND_CONFIG, "metadata_props: key/value strings", Framing.MODEL),
        FUNCTION(LedgerCategory.GRAPH_AND_CONFIG, "model-local functions", Framing.MODEL),
        TRAINING_INFO(LedgerCategory.GRAPH_AND_CONFIG, "training info (TrainingInfoProto)", Framing.MODEL);

        final LedgerCategory category;
        final String detail;
        final Framing framing;

        Part(LedgerCategory category, String detail, Framing framing) {
            this.category = category;
            this.detail = detail;
            this.framing = framing;
        }
    }

    /** Groups of structures whose protobuf framing is reported together. */
    enum Framing {
        TENSORS("protobuf tags and length prefixes of tensors"),
        NODES("protobuf tags and length prefixes of nodes and attributes"),
        VALUE_INFOS("protobuf tags and length prefixes of value infos"),
        MODEL("protobuf tags and length prefixes of the model, graphs, opsets, metadata and functions");

        final String detail;

        Framing(String detail) {
            this.detail = detail;
        }
    }

    private static final class Frame {
        final Part part;
        final long start;
        final long framingAtStart;
        long childBytes;
        long childFraming;
        long movedOut; // payloads, names and doc strings: explained by other entries

        Frame(Part part, long start, long framingAtStart) {
            this.part = part;
            this.start = start;
            this.framingAtStart = framingAtStart;
        }
    }

    private final ProtoCursor in;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Map<Part, long[]> content = new EnumMap<>(Part.class); // {bytes, count}
    private final Map<Framing, long[]> framing = new EnumMap<>(Framing.class); // {bytes, structures}
    private final Map<Part, Long> topLevelBytes = new EnumMap<>(Part.class);
    private long nameBytes;
    private long names;
    private long docBytes;
    private long docs;
    private final Map<String, long[]> attributePayloads = new LinkedHashMap<>(); // by file: {bytes, count}
    private long rootBytes = -1;

    StructureLedger(ProtoCursor in) {
        this.in = in;
    }

    /** Opens the root structure: the model, from byte 0. */
    void beginRoot() {
        open.push(new Frame(Part.MODEL, in.position(), in.framingBytes()));
    }

    /** Opens a structure whose field tag was the last one read. */
    void begin(Part part) {
        open.push(new Frame(part, in.lastTagOffset(), in.framingBeforeLastTag()));
    }

    /** Closes the innermost structure and books its own bytes. */
    void end() {
        Frame f = open.pop();
        long total = in.position() - f.start;
        long framed = in.framingBytes() - f.framingAtStart;
        long ownFraming = framed - f.childFraming;
        long ownContent = total - f.childBytes - ownFraming - f.movedOut;
        if (ownContent < 0) {
            throw new IllegalStateException(
                    "ledger of " + f.part + " at byte " + f.start + " is negative: " + ownContent);
        }
        long[] c = content.computeIfAbsent(f.part, k -> new long[2]);
        c[0] += ownContent;
        c[1]++;
        long[] fr = framing.computeIfAbsent(f.part.framing, k -> new long[2]);
        fr[0] += ownFraming;
        fr[1]++;
        Frame parent = open.peek();
        if (parent != null) {
            parent.childBytes += total;
            parent.childFraming += framed;
        } else {
            rootBytes = total;
        }
        if (open.size() <= 2) {
            topLevelBytes.merge(f.part, total, Long::sum);
        }
    }

    /** Bytes of the current structure that are a tensor payload: the tensor's storage explains them. */
    void payload(long bytes) {
        open.element().movedOut += bytes;
    }

    /** Content bytes of the current structure that are a name of the graph, a node, a tensor or a value. */
    void name(long bytes) {
        open.element().movedOut += bytes;
        nameBytes += bytes;
        names++;
    }

    /** Content bytes of the current structure that are a doc string. */
    void docString(long bytes) {
        open.element().movedOut += bytes;
        docBytes += bytes;
        docs++;
    }

    /**
     * A payload the reader skipped but did not register as a graph tensor (a tensor inside a node attribute
     * other than a Constant's value, e.g. ConstantOfShape's value): it stays in the structure ledger.
     */
    void unregisteredPayload(Storage s) {
        if (s == null || s.encoding() == Storage.Encoding.ABSENT || s.lengthBytes() <= 0) {
            return;
        }
        long[] v = attributePayloads.computeIfAbsent(s.file(), k -> new long[2]);
        v[0] += s.lengthBytes();
        v[1]++;
    }

    /** The whole file was read: the root frame's length. */
    long rootBytes() {
        return rootBytes;
    }

    /**
     * Bytes of the model's fields and of the main graph's fields, each structure with its tag and length
     * prefix (what protobuf's {@code computeMessageSize} gives), by part; for checks against protobuf.
     */
    Map<Part, Long> topLevelBytes() {
        return Map.copyOf(topLevelBytes);
    }

    Map<Part, long[]> contentBytes() {
        return content;
    }

    long nameBytes() {
        return nameBytes;
    }

    long docStringBytes() {
        return docBytes;
    }

    long framingBytes() {
        return framing.values().stream().mapToLong(v -> v[0]).sum();
    }

    /** The ledger sections of the model file, merged where parts share a detail; empty ones left out. */
    List<FileSection> sections() {
        Map<String, FileSection> out = new LinkedHashMap<>();
        content.forEach((part, v) -> add(out, part.category, part.detail, v[0], v[1]));
        add(out, LedgerCategory.GRAPH_AND_CONFIG, "names of the graphs, nodes, tensors and values", nameBytes, names);
        add(out, LedgerCategory.GRAPH_AND_CONFIG, "doc strings", docBytes, docs);
        attributePayloads.forEach((file, v) -> {
            if (v[0] != 0) {
                out.put(
                        "attr" + file,
                        new FileSection(
                                LedgerCategory.CONSTANTS,
                                "tensor values inside node attributes (not graph tensors)",
                                file,
                                -1,
                                v[0],
                                v[1]));
            }
        });
        framing.forEach((group, v) -> add(out, LedgerCategory.CONTAINER_OVERHEAD, group.detail, v[0], v[1]));
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, FileSection> out, LedgerCategory c, String detail, long bytes, long count) {
        if (bytes == 0) {
            return;
        }
        out.merge(
                c + detail,
                new FileSection(c, detail, "", -1, bytes, count),
                (a, b) -> new FileSection(c, detail, "", -1, a.bytes() + b.bytes(), a.count() + b.count()));
    }
}
