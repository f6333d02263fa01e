package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A symbol table node ("SNOD"): signature, version, reserved byte, number of symbols, then 2 × group leaf K
 * symbol table entries (link name offset, object header address, cache type, reserved, 16-byte scratch),
 * allocated whether used or not.
 *
 * @param bytes         the node's allocated size
 * @param objectHeaders the object header address of each used entry
 */
record H5SymbolTableNode(long bytes, List<Long> objectHeaders) {

    static final int HEADER_BYTES = 8;

    static int entryBytes(H5Reader r) {
        return 2 * r.sizeOfOffsets() + 24;
    }

    static H5SymbolTableNode read(H5Reader r, long address, int groupLeafK) throws IOException {
        int entry = entryBytes(r);
        long size = HEADER_BYTES + 2L * groupLeafK * entry;
        ByteBuffer b = r.readAt(address, size);
        H5Reader.expect(b, "SNOD", address);
        int n = b.getShort(6) & 0xffff;
        if (n > 2 * groupLeafK) {
            throw new H5FormatException("symbol node at " + address + " holds " + n + " symbols of " + 2 * groupLeafK);
        }
        List<Long> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            b.position(HEADER_BYTES + i * entry + r.sizeOfOffsets());
            headers.add(r.offset(b));
        }
        return new H5SymbolTableNode(size, headers);
    }
}
