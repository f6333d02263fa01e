package dev.modelcost.importer.keras;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The attribute message (0x000C), versions 1 to 3: name, datatype, dataspace, then the data. Version 1
 * pads the name, datatype and dataspace each to 8 bytes; version 3 adds a name-encoding byte.
 *
 * @param headerBytes   name, datatype and dataspace with the message's own header: where the data starts
 * @param messageBytes  the whole message body
 * @param datatypeClass the datatype's class (3 fixed-length string, 9 variable-length, …)
 * @param dataBytes     elements × element size, as far as the message holds them
 * @param textBytes     for a fixed-length scalar string, its bytes before the trailing NULs; else dataBytes
 * @param heapRefs      for a variable-length type, the global heap object each element names
 */
record H5AttributeMessage(
        String name,
        int headerBytes,
        int messageBytes,
        int datatypeClass,
        long elements,
        long dataBytes,
        long textBytes,
        List<HeapRef> heapRefs) {

    static final int FIXED_STRING = 3;
    static final int VARIABLE_LENGTH = 9;

    /** A global heap id: the collection's address and the object's index in it. */
    record HeapRef(long collection, int index) {}

    /** Bytes after the data that the message allocates (alignment, or data the dataspace does not name). */
    long trailingBytes() {
        return messageBytes - headerBytes - dataBytes;
    }

    static H5AttributeMessage parse(H5Reader r, ByteBuffer m, long at) throws H5FormatException {
        if (m.limit() < 8) {
            throw new H5FormatException("attribute message at " + at + " is " + m.limit() + " bytes");
        }
        int version = m.get(0) & 0xff;
        if (version < 1 || version > 3) {
            throw new H5FormatException("attribute message version " + version + " at " + at);
        }
        int nameSize = m.getShort(2) & 0xffff;
        int dtSize = m.getShort(4) & 0xffff;
        int dsSize = m.getShort(6) & 0xffff;
        int pos = version == 3 ? 9 : 8;
        boolean pad = version == 1;
        int nameEnd = Math.min(pos + Math.max(0, nameSize - 1), m.limit()); // the name ends with a NUL
        byte[] nb = new byte[Math.max(0, nameEnd - pos)];
        H5Reader.slice(m, pos, nb.length).get(nb);
        String name = new String(nb, StandardCharsets.UTF_8);
        pos += pad ? align8(nameSize) : nameSize;
        int dt = pos;
        pos += pad ? align8(dtSize) : dtSize;
        int ds = pos;
        pos += pad ? align8(dsSize) : dsSize;
        if (pos > m.limit() || dtSize < 8 || dsSize < 2) {
            throw new H5FormatException("attribute '" + name + "' at " + at + " is larger than its message");
        }
        int cls = m.get(dt) & 0x0f;
        long elemSize = m.getInt(dt + 4) & 0xffffffffL;
        long elements = elements(r, m, ds, dsSize, at);
        int room = m.limit() - pos;
        long dataBytes = elemSize == 0 || elements <= room / elemSize ? Math.min(elements * elemSize, room) : room;
        long textBytes = dataBytes;
        List<HeapRef> refs = new ArrayList<>();
        if (cls == VARIABLE_LENGTH) {
            int ref = 4 + r.sizeOfOffsets() + 4; // sequence length, collection address, object index
            for (long i = 0; i < elements && pos + (i + 1) * ref <= m.limit(); i++) {
                m.position((int) (pos + i * ref + 4));
                long collection = r.offset(m);
                int index = m.getInt();
                if (collection != H5Reader.UNDEF && index != 0) {
                    refs.add(new HeapRef(collection, index));
                }
            }
        } else if (cls == FIXED_STRING && elements == 1 && (m.get(ds + 1) & 0xff) == 0) {
            // h5py presents a fixed-length scalar string without its trailing NULs
            while (textBytes > 0 && m.get((int) (pos + textBytes - 1)) == 0) {
                textBytes--;
            }
        }
        return new H5AttributeMessage(name, pos, m.limit(), cls, elements, dataBytes, textBytes, List.copyOf(refs));
    }

    /** Elements the dataspace message at {@code ds} describes (versions 1 and 2; 0 for a null dataspace). */
    private static long elements(H5Reader r, ByteBuffer m, int ds, int dsSize, long at) throws H5FormatException {
        int version = m.get(ds) & 0xff;
        int rank = m.get(ds + 1) & 0xff;
        if (version == 2 && dsSize >= 4 && (m.get(ds + 3) & 0xff) == 2) {
            return 0; // null dataspace
        }
        int dims = ds + (version == 1 ? 8 : 4);
        if ((long) dims + (long) rank * r.sizeOfLengths() > m.limit()) {
            throw new H5FormatException("attribute dataspace at " + at + " runs past its message");
        }
        long n = 1;
        for (int i = 0; i < rank; i++) {
            m.position(dims + i * r.sizeOfLengths());
            long d = r.length(m);
            if (d < 0 || d > 0 && n > Long.MAX_VALUE / d) {
                throw new H5FormatException("attribute dataspace at " + at + " is too large");
            }
            n *= d;
        }
        return n;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }
}
