package dev.modelcost.importer.keras;

import dev.modelcost.core.report.LedgerCategory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks every structure of an HDF5 file with superblock version 0 or 1 (what h5py writes by default) and
 * claims its bytes in an {@link IntervalLedger}: superblock ({@link H5Superblock}), v1 object headers
 * message by message ({@link H5ObjectHeader}, {@link H5LayoutMessage}, {@link H5AttributeMessage}), v1 B-tree
 * nodes of groups and chunk indexes ({@link H5BTreeNode}), symbol table nodes ({@link H5SymbolTableNode}),
 * local heaps ({@link H5LocalHeap}), global heap collections ({@link H5GlobalHeap}), and dataset payloads.
 * Reads metadata only, never a payload; every address and size is checked against the file, objects are
 * visited once, counts are bounded. A structure it does not know throws {@link H5UnsupportedException},
 * and the caller falls back to the coarse ledger.
 */
final class H5Structures {
    static final String OH_PREFIX = "HDF5 object header prefixes";
    static final String OH_MESSAGE_HEADERS = "HDF5 object header message headers";
    static final String OH_FREE = "HDF5 free space in object headers (NIL messages)";
    static final String DATASET_HEADERS =
            "HDF5 dataset headers (dataspace, datatype, fill value, layout, filters, times)";
    static final String GROUP_MESSAGES = "HDF5 group messages (symbol table) and header continuations";
    static final String OTHER_MESSAGES = "HDF5 other object header messages";
    static final String ATTR_HEADERS = "HDF5 attribute message headers (names, datatypes, dataspaces)";
    static final String ATTR_CONFIG =
            "HDF5 attribute payloads: model_config, training_config, layer_names, weight_names";
    static final String ATTR_OTHER = "HDF5 attribute payloads: other attributes (versions, backend, ...)";
    static final String ATTR_STRING_PAD = "HDF5 attribute string padding (fixed-length scalars)";
    static final String VLEN_REFS = "HDF5 variable-length string references (global heap ids)";
    static final String GROUP_BTREE = "HDF5 group B-tree nodes (v1, allocated with unused entries)";
    static final String CHUNK_BTREE = "HDF5 chunk index B-tree nodes (v1)";
    static final String SNOD = "HDF5 symbol table nodes (allocated with unused entries)";
    static final String LHEAP_HEADER = "HDF5 local heap headers";
    static final String LHEAP_NAMES = "HDF5 link names (local heap data)";
    static final String LHEAP_FREE = "HDF5 free space in local heaps";
    static final String GHEAP_HEADERS = "HDF5 global heap collection and object headers";
    static final String GHEAP_FREE = "HDF5 free space and alignment in global heap collections";
    static final String GHEAP_UNREFERENCED = "HDF5 global heap objects no attribute references";
    static final String SUPERBLOCK = "HDF5 superblock and root symbol table entry";
    static final String USER_BLOCK = "HDF5 user block";
    static final String DRIVER_INFO = "HDF5 driver information block";

    private static final Set<String> CONFIG_ATTRS =
            Set.of("model_config", "training_config", "layer_names", "weight_names");

    /** Where an attribute's global heap objects are booked. */
    private record Use(LedgerCategory category, String detail) {}

    private final H5Reader raw;
    private final int maxObjects;
    private final IntervalLedger ledger = new IntervalLedger("HDF5");
    private final Set<Long> objectHeaders = new HashSet<>();
    private final Set<Long> symbolNodes = new HashSet<>();
    private final Set<Long> localHeaps = new HashSet<>();
    /** Global heap collection address → object index → how the attribute that names it is booked. */
    private final Map<Long, Map<Integer, Use>> heapRefs = new TreeMap<>();

    private H5Reader r;
    private H5Superblock sb;
    private int attributes;

    /** {@code start}: where the HDF5 file begins in the channel (a zip entry's data); {@code length}: its bytes. */
    H5Structures(SeekableByteChannel ch, long start, long length, long maxBlockBytes, int maxObjects) {
        this.raw = new H5Reader(ch, start, length, maxBlockBytes);
        this.maxObjects = maxObjects;
    }

    IntervalLedger walk() throws IOException, H5UnsupportedException {
        sb = H5Superblock.read(raw);
        r = sb.reader(raw);
        long start = raw.start();
        if (sb.position() > 0) {
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, USER_BLOCK, start, sb.position());
        }
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, SUPERBLOCK, start + sb.position(), sb.bytes());
        if (sb.driverAddress() != H5Reader.UNDEF) {
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, DRIVER_INFO, r.abs(sb.driverAddress()), sb.driverBytes());
        }
        objectHeader(sb.rootObjectHeader());
        for (Map.Entry<Long, Map<Integer, Use>> c : heapRefs.entrySet()) {
            globalHeap(H5GlobalHeap.read(r, c.getKey()), c.getValue());
        }
        return ledger;
    }

    /** Object headers walked (groups, datasets, committed datatypes), after {@link #walk}. */
    int objectHeaders() {
        return objectHeaders.size();
    }

    /** Attribute messages found, after {@link #walk}. */
    int attributes() {
        return attributes;
    }

    // ---- object headers and their messages ----

    private void objectHeader(long address) throws IOException, H5UnsupportedException {
        if (address == H5Reader.UNDEF || !objectHeaders.add(address)) {
            return;
        }
        if (objectHeaders.size() > maxObjects) {
            throw new H5FormatException("more than " + maxObjects + " HDF5 objects");
        }
        List<long[]> symbolTables = new ArrayList<>(); // {B-tree address, local heap address}
        H5ObjectHeader.walk(r, address, new H5ObjectHeader.Visitor() {
            @Override
            public void prefix(long at, int bytes) {
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, OH_PREFIX, at, bytes);
            }

            @Override
            public void messageHeader(long at) {
                ledger.add(
                        LedgerCategory.CONTAINER_OVERHEAD, OH_MESSAGE_HEADERS, at, H5ObjectHeader.MESSAGE_HEADER_BYTES);
            }

            @Override
            public void message(int type, ByteBuffer body, long at) throws IOException, H5UnsupportedException {
                H5Structures.this.message(type, body, at, symbolTables);
            }

            @Override
            public void gap(long at, long bytes) {
                ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, OH_FREE, at, bytes);
            }
        });
        // after the header: its children are walked once the header's own bytes are booked
        for (long[] t : symbolTables) {
            groupBTree(t[0], new HashSet<>());
            localHeap(t[1]);
        }
    }

    private void message(int type, ByteBuffer m, long at, List<long[]> symbolTables)
            throws IOException, H5UnsupportedException {
        int n = m.limit();
        switch (type) {
            case 0x0000 -> ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, OH_FREE, at, n);
            case 0x0001, 0x0003, 0x0004, 0x0005, 0x000B, 0x000E, 0x0012 -> ledger.add(
                    LedgerCategory.CONTAINER_OVERHEAD, DATASET_HEADERS, at, n);
            case 0x0008 -> layout(H5LayoutMessage.parse(r, m, at), at, n);
            case 0x000C -> attribute(H5AttributeMessage.parse(r, m, at), at);
            case H5ObjectHeader.CONTINUATION -> ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GROUP_MESSAGES, at, n);
            case 0x0011 -> {
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GROUP_MESSAGES, at, n);
                if (n < 2 * r.sizeOfOffsets()) {
                    throw new H5FormatException("symbol table message at " + at + " is " + n + " bytes");
                }
                m.position(0);
                symbolTables.add(new long[] {r.offset(m), r.offset(m)});
            }
            case 0x0002, 0x0006, 0x000A, 0x0015, 0x0016, 0x0018 -> throw new H5UnsupportedException(
                    "new-style group or attribute storage (message type " + type + ")");
            default -> ledger.add(LedgerCategory.CONTAINER_OVERHEAD, OTHER_MESSAGES, at, n);
        }
    }

    private void layout(H5LayoutMessage layout, long at, int messageBytes) throws IOException {
        LedgerCategory header = LedgerCategory.CONTAINER_OVERHEAD;
        if (layout instanceof H5LayoutMessage.Compact c) {
            ledger.add(header, DATASET_HEADERS, at, 4);
            ledger.payload(at + 4, c.dataBytes());
            ledger.add(header, DATASET_HEADERS, at + 4 + c.dataBytes(), messageBytes - 4 - c.dataBytes());
            return;
        }
        ledger.add(header, DATASET_HEADERS, at, messageBytes);
        if (layout instanceof H5LayoutMessage.Contiguous c) {
            if (c.address() != H5Reader.UNDEF && c.dataBytes() > 0) {
                r.checkAt(c.address(), c.dataBytes());
                ledger.payload(r.abs(c.address()), c.dataBytes());
            }
        } else if (layout instanceof H5LayoutMessage.Chunked c && c.btreeAddress() != H5Reader.UNDEF) {
            chunkBTree(c.btreeAddress(), c.dimensionality(), new HashSet<>());
        }
    }

    private void attribute(H5AttributeMessage a, long at) {
        LedgerCategory header = LedgerCategory.CONTAINER_OVERHEAD;
        ledger.add(header, ATTR_HEADERS, at, a.headerBytes());
        attributes++;
        boolean config = CONFIG_ATTRS.contains(a.name());
        Use use = config ? new Use(LedgerCategory.GRAPH_AND_CONFIG, ATTR_CONFIG) : new Use(header, ATTR_OTHER);
        long dataAt = at + a.headerBytes();
        if (a.datatypeClass() == H5AttributeMessage.VARIABLE_LENGTH) {
            for (H5AttributeMessage.HeapRef ref : a.heapRefs()) {
                heapRefs.computeIfAbsent(ref.collection(), k -> new HashMap<>()).put(ref.index(), use);
            }
            ledger.add(header, VLEN_REFS, dataAt, a.dataBytes());
        } else {
            ledger.add(use.category(), use.detail(), dataAt, a.textBytes());
            ledger.add(header, ATTR_STRING_PAD, dataAt + a.textBytes(), a.dataBytes() - a.textBytes());
        }
        ledger.add(header, ATTR_HEADERS, dataAt + a.dataBytes(), a.trailingBytes());
    }

    // ---- B-trees, symbol table nodes, heaps ----

    private void groupBTree(long address, Set<Long> seen) throws IOException, H5UnsupportedException {
        if (!seen.add(address) || seen.size() > maxObjects) {
            throw new H5FormatException("group B-tree cycle or too many nodes at " + address);
        }
        H5BTreeNode node = H5BTreeNode.read(r, address, sb.groupInternalK(), r.sizeOfLengths());
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GROUP_BTREE, r.abs(address), node.bytes());
        for (H5BTreeNode.Child child : node.children()) {
            if (node.level() > 0) {
                groupBTree(child.address(), seen);
            } else {
                symbolNode(child.address());
            }
        }
    }

    private void symbolNode(long address) throws IOException, H5UnsupportedException {
        if (!symbolNodes.add(address)) {
            return;
        }
        H5SymbolTableNode node = H5SymbolTableNode.read(r, address, sb.groupLeafK());
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, SNOD, r.abs(address), node.bytes());
        for (long header : node.objectHeaders()) {
            objectHeader(header);
        }
    }

    private void chunkBTree(long address, int dims, Set<Long> seen) throws IOException {
        if (!seen.add(address) || seen.size() > maxObjects) {
            throw new H5FormatException("chunk B-tree cycle or too many nodes at " + address);
        }
        // key: chunk size (4), filter mask (4), one 8-byte offset per dimension
        H5BTreeNode node = H5BTreeNode.read(r, address, sb.chunkK(), 8 + 8L * dims);
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, CHUNK_BTREE, r.abs(address), node.bytes());
        for (H5BTreeNode.Child child : node.children()) {
            if (node.level() > 0) {
                chunkBTree(child.address(), dims, seen);
            } else {
                long chunkBytes = child.key().getInt(0) & 0xffffffffL;
                r.checkAt(child.address(), chunkBytes);
                ledger.payload(r.abs(child.address()), chunkBytes);
            }
        }
    }

    private void localHeap(long address) throws IOException {
        if (!localHeaps.add(address)) {
            return;
        }
        H5LocalHeap heap = H5LocalHeap.read(r, address);
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, LHEAP_HEADER, r.abs(address), heap.headerBytes());
        long data = r.abs(heap.dataAddress());
        long at = 0;
        for (Map.Entry<Long, Long> free : heap.freeBlocks().entrySet()) {
            ledger.add(LedgerCategory.GRAPH_AND_CONFIG, LHEAP_NAMES, data + at, free.getKey() - at);
            ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, LHEAP_FREE, data + free.getKey(), free.getValue());
            at = free.getKey() + free.getValue();
        }
        ledger.add(LedgerCategory.GRAPH_AND_CONFIG, LHEAP_NAMES, data + at, heap.dataBytes() - at);
    }

    private void globalHeap(H5GlobalHeap heap, Map<Integer, Use> uses) throws IOException {
        long at = r.abs(heap.address());
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GHEAP_HEADERS, at, heap.headerBytes());
        for (H5GlobalHeap.HeapObject o : heap.objects()) {
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GHEAP_HEADERS, at + o.at(), o.headerBytes());
            Use use = uses.getOrDefault(o.index(), new Use(LedgerCategory.CONTAINER_OVERHEAD, GHEAP_UNREFERENCED));
            long data = at + o.at() + o.headerBytes();
            ledger.add(use.category(), use.detail(), data, o.dataBytes());
            ledger.add(
                    LedgerCategory.PADDING_AND_FREE_SPACE,
                    GHEAP_FREE,
                    data + o.dataBytes(),
                    o.paddedBytes() - o.dataBytes());
        }
        ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, GHEAP_FREE, at + heap.freeAt(), heap.bytes() - heap.freeAt());
    }
}
