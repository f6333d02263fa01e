package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A global heap collection ("GCOL"): signature, version, 3 reserved bytes, collection size, then objects
 * (2-byte index, reference count, 4 reserved bytes, object size, data padded to 8 bytes) up to the free-space
 * object (index 0), which runs to the end of the collection. Variable-length strings live here.
 *
 * @param address     the collection's HDF5 address
 * @param headerBytes the collection header's size
 * @param bytes       the collection's size, header included
 * @param objects     each object before the free space, in file order
 * @param freeAt      where the free space starts, relative to the collection
 */
record H5GlobalHeap(long address, int headerBytes, long bytes, List<HeapObject> objects, long freeAt) {

    /**
     * One heap object.
     *
     * @param at        where its header starts, relative to the collection
     * @param dataBytes its size; the data is padded to 8 bytes after a header of {@link #headerBytes}
     */
    record HeapObject(int index, long at, int headerBytes, long dataBytes) {
        long paddedBytes() {
            return H5Reader.align8(dataBytes);
        }
    }

    static H5GlobalHeap read(H5Reader r, long address) throws IOException {
        int header = 8 + r.sizeOfLengths();
        ByteBuffer h = r.readAt(address, header);
        H5Reader.expect(h, "GCOL", address);
        h.position(8);
        long size = r.length(h);
        if (size < header) {
            throw new H5FormatException("global heap collection at " + address + " is " + size + " bytes");
        }
        ByteBuffer b = r.readAt(address, size);
        long pos = header;
        int objHeader = 8 + r.sizeOfLengths();
        List<HeapObject> objects = new ArrayList<>();
        while (pos + objHeader <= size) {
            int index = b.getShort((int) pos) & 0xffff;
            if (index == 0) {
                break; // the free-space object: the rest of the collection
            }
            b.position((int) pos + 8);
            long len = r.length(b);
            if (len < 0 || len > size - pos - objHeader || H5Reader.align8(len) > size - pos - objHeader) {
                throw new H5FormatException(
                        "global heap object " + index + " at " + (r.abs(address) + pos) + " runs past its collection");
            }
            objects.add(new HeapObject(index, pos, objHeader, len));
            pos += objHeader + H5Reader.align8(len);
        }
        return new H5GlobalHeap(address, header, size, List.copyOf(objects), pos);
    }
}
