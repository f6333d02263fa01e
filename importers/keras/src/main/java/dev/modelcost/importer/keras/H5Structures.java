package dev.modelcost.importer.keras;

import dev.modelcost.core.report.LedgerCategory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Locates every structure of an HDF5 file with superblock version 0 or 1 (what h5py writes by default)
 * following the HDF5 file-format specification, and claims its bytes in an {@link IntervalLedger}:
 * superblock, v1 object headers and their continuation blocks message by message, v1 B-tree nodes
 * (groups and chunk indexes), symbol-table nodes, local heaps with their free lists, global heap
 * collections, and dataset payloads (contiguous, compact, chunks). Reads metadata only, never a payload;
 * every address and size is checked against the file, objects are visited once, counts are bounded.
 * Anything it does not know (superblock v2/v3, v2 object headers, fractal heaps, old layouts) throws
 * {@link Unsupported}, and the caller falls back to the coarse ledger.
 */
final class H5Structures {
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;
        Unsupported(String why) { super(why); }
    }

    static final String OH_PREFIX = "HDF5 object header prefixes";
    static final String OH_MESSAGE_HEADERS = "HDF5 object header message headers";
    static final String OH_FREE = "HDF5 free space in object headers (NIL messages)";
    static final String DATASET_HEADERS = "HDF5 dataset headers (dataspace, datatype, fill value, layout, filters, times)";
    static final String GROUP_MESSAGES = "HDF5 group messages (symbol table) and header continuations";
    static final String OTHER_MESSAGES = "HDF5 other object header messages";
    static final String ATTR_HEADERS = "HDF5 attribute message headers (names, datatypes, dataspaces)";
    static final String ATTR_CONFIG = "HDF5 attribute payloads: model_config, training_config, layer_names, weight_names";
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
    static final String SUPERBLOCK = "HDF5 superblock and root symbol table entry";
    static final String USER_BLOCK = "HDF5 user block";
    static final String DRIVER_INFO = "HDF5 driver information block";

    private static final Set<String> CONFIG_ATTRS = Set.of("model_config", "training_config", "layer_names", "weight_names");
    private static final long UNDEF = -1L;

    private final SeekableByteChannel ch;
    private final long start;
    private final long length;
    private final long maxBlockBytes;
    private final int maxObjects;
    private final IntervalLedger ledger = new IntervalLedger("HDF5");
    private final Set<Long> visited = new HashSet<>();
    /** Global heap collection address → object index → category and detail of the attribute that uses it. */
    private final Map<Long, Map<Integer, String>> heapRefs = new TreeMap<>();
    private long base;
    private int sizeOfOffsets;
    private int sizeOfLengths;
    private int groupLeafK;
    private int groupInternalK;
    private int chunkK = 32;
    private int objects;
    private int attributes;

    /** {@code start}: where the HDF5 file begins in the channel (a zip entry's data); {@code length}: its bytes. */
    H5Structures(SeekableByteChannel ch, long start, long length, long maxBlockBytes, int maxObjects) {
        this.ch = ch;
        this.start = start;
        this.length = length;
        this.maxBlockBytes = maxBlockBytes;
        this.maxObjects = maxObjects;
    }

    IntervalLedger walk() throws IOException, Unsupported {
        long sb = findSuperblock();
        if (sb > 0) {
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, USER_BLOCK, start, sb);
        }
        ByteBuffer h = read(sb, 24);
        int version = h.get(8) & 0xff;
        if (version > 1) {
            throw new Unsupported("superblock version " + version + " (only 0 and 1 are walked)");
        }
        sizeOfOffsets = h.get(13) & 0xff;
        sizeOfLengths = h.get(14) & 0xff;
        if (sizeOfOffsets != 8 && sizeOfOffsets != 4 || sizeOfLengths != 8 && sizeOfLengths != 4) {
            throw new Unsupported("sizes of offsets/lengths " + sizeOfOffsets + "/" + sizeOfLengths);
        }
        groupLeafK = h.getShort(16) & 0xffff;
        groupInternalK = h.getShort(18) & 0xffff;
        if (groupLeafK == 0 || groupInternalK == 0) {
            throw new ModelFormatException("superblock: group K of 0");
        }
        int fixed = 24;
        if (version == 1) {
            ByteBuffer v1 = read(sb + 24, 4);
            chunkK = v1.getShort(0) & 0xffff;
            fixed = 28;
        }
        int entry = 2 * sizeOfOffsets + 24;
        int total = fixed + 4 * sizeOfOffsets + entry;
        ByteBuffer s = read(sb, total);
        s.position(fixed);
        base = offset(s);
        offset(s); // free-space info address (reserved in these versions)
        offset(s); // end-of-file address: the file's length is what we partition
        long driver = offset(s);
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, SUPERBLOCK, start + sb, total);
        if (driver != UNDEF) {
            ByteBuffer d = read(abs(driver) - start, 8);
            long size = 16 + (d.getInt(4) & 0xffffffffL);
            check(abs(driver) - start, size);
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, DRIVER_INFO, abs(driver), size);
        }
        offset(s); // root entry: link name offset
        long rootHeader = offset(s);
        objectHeader(rootHeader);
        globalHeaps();
        return ledger;
    }

    /** Object headers walked (groups, datasets, committed datatypes), after {@link #walk}. */
    int objectHeaders() { return objects; }

    /** Attribute messages found, after {@link #walk}. */
    int attributes() { return attributes; }

    private long findSuperblock() throws IOException {
        byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        for (long at = 0; at + 8 <= length; at = at == 0 ? 512 : at * 2) {
            ByteBuffer b = read(at, 8);
            boolean ok = true;
            for (int i = 0; i < 8; i++) {
                ok &= b.get(i) == sig[i];
            }
            if (ok) {
                return at;
            }
        }
        throw new ModelFormatException("no HDF5 superblock signature");
    }

    // ---- object headers ----

    private void objectHeader(long address) throws IOException, Unsupported {
        if (address == UNDEF || !visited.add(address)) {
            return;
        }
        if (++objects > maxObjects) {
            throw new ModelFormatException("more than " + maxObjects + " HDF5 objects");
        }
        long rel = abs(address) - start;
        ByteBuffer p = read(rel, 16);
        if (p.get(0) == 'O' && p.get(1) == 'H' && p.get(2) == 'D' && p.get(3) == 'R') {
            throw new Unsupported("version 2 object header at " + address);
        }
        if (p.get(0) != 1) {
            throw new ModelFormatException("object header version " + p.get(0) + " at " + address);
        }
        long size = p.getInt(8) & 0xffffffffL;
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, OH_PREFIX, abs(address), 16);
        Deque<long[]> blocks = new ArrayDeque<>();
        blocks.add(new long[] {rel + 16, size});
        int guard = 0;
        List<long[]> later = new ArrayList<>();
        while (!blocks.isEmpty()) {
            if (++guard > 10_000) {
                throw new ModelFormatException("object header at " + address + ": too many continuation blocks");
            }
            long[] blk = blocks.poll();
            ByteBuffer b = read(blk[0], blk[1]);
            int pos = 0;
            while (pos + 8 <= b.limit()) {
                int type = b.getShort(pos) & 0xffff;
                int msize = b.getShort(pos + 2) & 0xffff;
                if (pos + 8 + msize > b.limit()) {
                    throw new ModelFormatException("object header message at " + (blk[0] + pos) + " runs past its block");
                }
                long at = start + blk[0] + pos;
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, OH_MESSAGE_HEADERS, at, 8);
                ByteBuffer body = slice(b, pos + 8, msize);
                message(type, body, at + 8, blocks, later);
                pos += 8 + msize;
            }
            if (pos < b.limit()) {
                ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, OH_FREE, start + blk[0] + pos, b.limit() - pos);
            }
        }
        for (long[] child : later) {
            if (child[0] == 0) {
                groupBTree(child[1], new HashSet<>());
            } else {
                localHeap(child[1]);
            }
        }
    }

    private void message(int type, ByteBuffer m, long at, Deque<long[]> blocks, List<long[]> later) throws IOException, Unsupported {
        int n = m.limit();
        switch (type) {
            case 0x0000 -> ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, OH_FREE, at, n);
            case 0x0001, 0x0003, 0x0004, 0x0005, 0x000B, 0x000E, 0x0012 ->
                    ledger.add(LedgerCategory.CONTAINER_OVERHEAD, DATASET_HEADERS, at, n);
            case 0x0008 -> layout(m, at);
            case 0x000C -> attribute(m, at);
            case 0x0010 -> {
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GROUP_MESSAGES, at, n);
                m.position(0);
                long off = offset(m);
                long len = length(m);
                check(abs(off) - start, len);
                blocks.add(new long[] {abs(off) - start, len});
            }
            case 0x0011 -> {
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GROUP_MESSAGES, at, n);
                m.position(0);
                later.add(new long[] {0, offset(m)});
                later.add(new long[] {1, offset(m)});
            }
            case 0x0002, 0x0006, 0x000A, 0x0015, 0x0016, 0x0018 ->
                    throw new Unsupported("new-style group or attribute storage (message type " + type + ")");
            default -> ledger.add(LedgerCategory.CONTAINER_OVERHEAD, OTHER_MESSAGES, at, n);
        }
    }

    private void layout(ByteBuffer m, long at) throws IOException, Unsupported {
        int version = m.get(0) & 0xff;
        if (version != 3) {
            throw new Unsupported("data layout message version " + version);
        }
        int cls = m.get(1) & 0xff;
        m.position(2);
        switch (cls) {
            case 0 -> {
                int size = m.getShort() & 0xffff;
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, DATASET_HEADERS, at, 4);
                ledger.payload(at + 4, size);
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, DATASET_HEADERS, at + 4 + size, m.limit() - 4 - size);
            }
            case 1 -> {
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, DATASET_HEADERS, at, m.limit());
                long addr = offset(m);
                long size = length(m);
                if (addr != UNDEF && size > 0) {
                    check(abs(addr) - start, size);
                    ledger.payload(abs(addr), size);
                }
            }
            case 2 -> {
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, DATASET_HEADERS, at, m.limit());
                int dims = m.get() & 0xff;
                long addr = offset(m);
                if (addr != UNDEF) {
                    chunkBTree(addr, dims, new HashSet<>());
                }
            }
            default -> throw new ModelFormatException("data layout class " + cls + " at " + at);
        }
    }

    private void attribute(ByteBuffer m, long at) throws ModelFormatException {
        int version = m.get(0) & 0xff;
        int nameSize = m.getShort(2) & 0xffff;
        int dtSize = m.getShort(4) & 0xffff;
        int dsSize = m.getShort(6) & 0xffff;
        int pos = version == 3 ? 9 : 8;
        boolean pad = version == 1;
        if (version < 1 || version > 3) {
            throw new ModelFormatException("attribute message version " + version + " at " + at);
        }
        int nameEnd = Math.min(pos + Math.max(0, nameSize - 1), m.limit());
        byte[] nb = new byte[Math.max(0, nameEnd - pos)];
        slice(m, pos, nb.length).get(nb);
        String name = new String(nb, StandardCharsets.UTF_8);
        pos += pad ? align8(nameSize) : nameSize;
        int dt = pos;
        pos += pad ? align8(dtSize) : dtSize;
        int ds = pos;
        pos += pad ? align8(dsSize) : dsSize;
        if (pos > m.limit()) {
            throw new ModelFormatException("attribute '" + name + "' at " + at + " is larger than its message");
        }
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, ATTR_HEADERS, at, pos);
        attributes++;
        boolean config = CONFIG_ATTRS.contains(name);
        LedgerCategory cat = config ? LedgerCategory.GRAPH_AND_CONFIG : LedgerCategory.CONTAINER_OVERHEAD;
        String detail = config ? ATTR_CONFIG : ATTR_OTHER;
        int cls = m.get(dt) & 0x0f;
        long elemSize = m.getInt(dt + 4) & 0xffffffffL;
        long elements = elements(m, ds, at);
        long dataBytes = Math.min(elements * elemSize, m.limit() - pos);
        long dataAt = at + pos;
        if (cls == 9) {
            int ref = 4 + sizeOfOffsets + 4;
            for (long i = 0; i < elements && pos + (i + 1) * ref <= m.limit(); i++) {
                int p = (int) (pos + i * ref);
                m.position(p + 4);
                long coll = offset(m);
                int index = m.getInt();
                if (coll != UNDEF && index != 0) {
                    heapRefs.computeIfAbsent(coll, k -> new TreeMap<>()).put(index, cat.name() + "|" + detail);
                }
            }
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, VLEN_REFS, dataAt, dataBytes);
        } else if (cls == 3 && elements == 1 && scalar(m, ds)) {
            // h5py presents a fixed-length scalar string without its trailing NULs
            int text = (int) dataBytes;
            while (text > 0 && m.get(pos + text - 1) == 0) {
                text--;
            }
            ledger.add(cat, detail, dataAt, text);
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, ATTR_STRING_PAD, dataAt + text, dataBytes - text);
        } else {
            ledger.add(cat, detail, dataAt, dataBytes);
        }
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, ATTR_HEADERS, dataAt + dataBytes, m.limit() - pos - dataBytes);
    }

    private long elements(ByteBuffer m, int ds, long at) throws ModelFormatException {
        int version = m.get(ds) & 0xff;
        int rank = m.get(ds + 1) & 0xff;
        if (version == 2 && (m.get(ds + 3) & 0xff) == 2) {
            return 0; // null dataspace
        }
        int dims = ds + (version == 1 ? 8 : 4);
        long n = 1;
        for (int i = 0; i < rank; i++) {
            m.position(dims + i * sizeOfLengths);
            long d = length(m);
            if (d < 0 || d > 0 && n > Long.MAX_VALUE / d) {
                throw new ModelFormatException("attribute dataspace at " + at + " is too large");
            }
            n *= d;
        }
        return n;
    }

    private static boolean scalar(ByteBuffer m, int ds) {
        return (m.get(ds + 1) & 0xff) == 0;
    }

    // ---- B-trees, symbol nodes, heaps ----

    private void groupBTree(long address, Set<Long> seen) throws IOException, Unsupported {
        if (!seen.add(address) || seen.size() > maxObjects) {
            throw new ModelFormatException("group B-tree cycle or too many nodes at " + address);
        }
        long rel = abs(address) - start;
        long size = 8 + 2L * sizeOfOffsets + (2L * groupInternalK + 1) * sizeOfLengths + 2L * groupInternalK * sizeOfOffsets;
        ByteBuffer b = read(rel, size);
        expect(b, "TREE", address);
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GROUP_BTREE, abs(address), size);
        int level = b.get(5) & 0xff;
        int used = b.getShort(6) & 0xffff;
        if (used > 2 * groupInternalK) {
            throw new ModelFormatException("group B-tree node at " + address + " uses " + used + " entries");
        }
        for (int i = 0; i < used; i++) {
            b.position(8 + 2 * sizeOfOffsets + sizeOfLengths + i * (sizeOfLengths + sizeOfOffsets));
            long child = offset(b);
            if (level > 0) {
                groupBTree(child, seen);
            } else {
                symbolNode(child);
            }
        }
    }

    private void symbolNode(long address) throws IOException, Unsupported {
        if (!visited.add(-address - 2)) {
            return;
        }
        int entry = 2 * sizeOfOffsets + 24;
        long size = 8 + 2L * groupLeafK * entry;
        ByteBuffer b = read(abs(address) - start, size);
        expect(b, "SNOD", address);
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, SNOD, abs(address), size);
        int n = b.getShort(6) & 0xffff;
        if (n > 2 * groupLeafK) {
            throw new ModelFormatException("symbol node at " + address + " holds " + n + " symbols");
        }
        for (int i = 0; i < n; i++) {
            b.position(8 + i * entry + sizeOfOffsets);
            objectHeader(offset(b));
        }
    }

    private void localHeap(long address) throws IOException {
        if (!visited.add(-address - 3)) {
            return;
        }
        long rel = abs(address) - start;
        int header = 8 + 2 * sizeOfLengths + sizeOfOffsets;
        ByteBuffer b = read(rel, header);
        expect(b, "HEAP", address);
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, LHEAP_HEADER, abs(address), header);
        b.position(8);
        long dataSize = length(b);
        long free = length(b);
        long data = offset(b);
        check(abs(data) - start, dataSize);
        TreeMap<Long, Long> freeBlocks = new TreeMap<>();
        int guard = 0;
        // the library ends the free list with offset 1 (no block can start there: blocks are 8-aligned); UNDEF too
        while (free != UNDEF && free != 1) {
            if (++guard > 100_000 || free < 0 || free + 2L * sizeOfLengths > dataSize || freeBlocks.containsKey(free)) {
                throw new ModelFormatException("local heap at " + address + ": bad free list");
            }
            ByteBuffer f = read(abs(data) - start + free, 2L * sizeOfLengths);
            long next = length(f);
            long size = length(f);
            if (size > dataSize - free) {
                throw new ModelFormatException("local heap at " + address + ": free block past its data segment");
            }
            freeBlocks.put(free, size);
            free = next;
        }
        long at = 0;
        for (Map.Entry<Long, Long> e : freeBlocks.entrySet()) {
            ledger.add(LedgerCategory.GRAPH_AND_CONFIG, LHEAP_NAMES, abs(data) + at, e.getKey() - at);
            ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, LHEAP_FREE, abs(data) + e.getKey(), e.getValue());
            at = e.getKey() + e.getValue();
        }
        ledger.add(LedgerCategory.GRAPH_AND_CONFIG, LHEAP_NAMES, abs(data) + at, dataSize - at);
    }

    private void chunkBTree(long address, int dims, Set<Long> seen) throws IOException, Unsupported {
        if (!seen.add(address) || seen.size() > maxObjects) {
            throw new ModelFormatException("chunk B-tree cycle or too many nodes at " + address);
        }
        long key = 8 + 8L * dims;
        long size = 8 + 2L * sizeOfOffsets + (2L * chunkK + 1) * key + 2L * chunkK * sizeOfOffsets;
        ByteBuffer b = read(abs(address) - start, size);
        expect(b, "TREE", address);
        ledger.add(LedgerCategory.CONTAINER_OVERHEAD, CHUNK_BTREE, abs(address), size);
        int level = b.get(5) & 0xff;
        int used = b.getShort(6) & 0xffff;
        if (used > 2 * chunkK) {
            throw new ModelFormatException("chunk B-tree node at " + address + " uses " + used + " entries");
        }
        for (int i = 0; i < used; i++) {
            int k = (int) (8 + 2 * sizeOfOffsets + i * (key + sizeOfOffsets));
            long chunkBytes = b.getInt(k) & 0xffffffffL;
            b.position((int) (k + key));
            long child = offset(b);
            if (level > 0) {
                chunkBTree(child, dims, seen);
            } else {
                check(abs(child) - start, chunkBytes);
                ledger.payload(abs(child), chunkBytes);
            }
        }
    }

    private void globalHeaps() throws IOException {
        for (Map.Entry<Long, Map<Integer, String>> c : heapRefs.entrySet()) {
            long rel = abs(c.getKey()) - start;
            ByteBuffer h = read(rel, 8 + sizeOfLengths);
            expect(h, "GCOL", c.getKey());
            h.position(8);
            long size = length(h);
            ByteBuffer b = read(rel, size);
            long at = abs(c.getKey());
            ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GHEAP_HEADERS, at, 8 + sizeOfLengths);
            long pos = 8 + sizeOfLengths;
            int objHeader = 8 + sizeOfLengths;
            while (pos + objHeader <= size) {
                int index = b.getShort((int) pos) & 0xffff;
                if (index == 0) {
                    break; // the free-space object: the rest of the collection
                }
                b.position((int) pos + 8);
                long len = length(b);
                long padded = align8(len);
                if (len < 0 || pos + objHeader + padded > size) {
                    throw new ModelFormatException("global heap object " + index + " at " + (at + pos) + " runs past its collection");
                }
                ledger.add(LedgerCategory.CONTAINER_OVERHEAD, GHEAP_HEADERS, at + pos, objHeader);
                String use = c.getValue().get(index);
                LedgerCategory cat = use == null ? LedgerCategory.CONTAINER_OVERHEAD : LedgerCategory.valueOf(use.substring(0, use.indexOf('|')));
                String detail = use == null ? "HDF5 global heap objects no attribute references" : use.substring(use.indexOf('|') + 1);
                ledger.add(cat, detail, at + pos + objHeader, len);
                ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, GHEAP_FREE, at + pos + objHeader + len, padded - len);
                pos += objHeader + padded;
            }
            ledger.add(LedgerCategory.PADDING_AND_FREE_SPACE, GHEAP_FREE, at + pos, size - pos);
        }
    }

    // ---- reading ----

    private long abs(long address) throws ModelFormatException {
        long rel = base + address;
        if (address < 0 || rel < 0 || rel > length) {
            throw new ModelFormatException("HDF5 address " + address + " outside the file");
        }
        return start + rel;
    }

    private void check(long rel, long size) throws ModelFormatException {
        if (rel < 0 || size < 0 || rel + size > length) {
            throw new ModelFormatException("HDF5 structure at " + rel + " (+" + size + ") runs past the end of the file");
        }
    }

    private ByteBuffer read(long rel, long size) throws IOException {
        check(rel, size);
        if (size > maxBlockBytes) {
            throw new ModelFormatException("HDF5 metadata block of " + size + " bytes exceeds the limit of " + maxBlockBytes);
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        ch.position(start + rel);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new ModelFormatException("HDF5 file ends inside a structure at " + rel);
            }
        }
        return b.flip();
    }

    private static ByteBuffer slice(ByteBuffer b, int from, int n) {
        return b.duplicate().position(from).limit(from + n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private long offset(ByteBuffer b) {
        return sizeOfOffsets == 8 ? b.getLong() : undef32(b.getInt());
    }

    private long length(ByteBuffer b) {
        return sizeOfLengths == 8 ? b.getLong() : undef32(b.getInt());
    }

    private static long undef32(int v) {
        return v == -1 ? UNDEF : v & 0xffffffffL;
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    private static void expect(ByteBuffer b, String sig, long address) throws ModelFormatException {
        for (int i = 0; i < 4; i++) {
            if (b.get(i) != sig.charAt(i)) {
                throw new ModelFormatException("expected " + sig + " at HDF5 address " + address);
            }
        }
    }

    /** A structure the specification does not allow: the file is damaged or hostile. */
    static final class ModelFormatException extends IOException {
        private static final long serialVersionUID = 1L;
        ModelFormatException(String why) { super(why); }
    }
}
