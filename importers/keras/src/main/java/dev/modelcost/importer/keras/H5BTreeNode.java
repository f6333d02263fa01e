package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A version 1 B-tree node ("TREE"): signature, node type, level, entries used, left and right siblings,
 * then keys and child pointers interleaved (key 0, child 0, key 1, …, key 2K). The node is allocated for
 * 2K entries whatever it uses. Group nodes (type 0) have a length as key; chunk index nodes (type 1) have
 * the chunk's size, filter mask and offsets.
 *
 * @param bytes    the node's allocated size
 * @param level    0 for a leaf (children are symbol table nodes or chunks), else children are nodes
 * @param children each used entry's left key and child address
 */
record H5BTreeNode(long bytes, int level, List<Child> children) {

    /** One entry: its left key (exactly the key's bytes, position 0) and the child's address. */
    record Child(ByteBuffer key, long address) {}

    static final int HEADER_BYTES = 8;

    /** Node size for {@code k} (the tree's K), {@code keyBytes} per key. */
    static long size(H5Reader r, int k, long keyBytes) {
        int so = r.sizeOfOffsets();
        return HEADER_BYTES + 2L * so + (2L * k + 1) * keyBytes + 2L * k * so;
    }

    static H5BTreeNode read(H5Reader r, long address, int k, long keyBytes) throws IOException {
        long size = size(r, k, keyBytes);
        ByteBuffer b = r.readAt(address, size);
        H5Reader.expect(b, "TREE", address);
        int level = b.get(5) & 0xff;
        int used = b.getShort(6) & 0xffff;
        if (used > 2 * k) {
            throw new H5FormatException("B-tree node at " + address + " uses " + used + " entries of " + 2 * k);
        }
        int so = r.sizeOfOffsets();
        List<Child> children = new ArrayList<>(used);
        for (int i = 0; i < used; i++) {
            int key = (int) (HEADER_BYTES + 2L * so + i * (keyBytes + so));
            ByteBuffer keyBuf = H5Reader.slice(b, key, (int) keyBytes);
            b.position((int) (key + keyBytes));
            children.add(new Child(keyBuf, r.offset(b)));
        }
        return new H5BTreeNode(size, level, children);
    }
}
