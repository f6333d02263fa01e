package dev.modelcost.importer.keras;

import java.nio.ByteBuffer;

/**
 * The data layout message (0x0008), version 3: where a dataset's elements are. Compact data sits in the
 * message itself, contiguous data at one address, chunked data behind a v1 B-tree whose keys carry
 * {@code dimensionality} offsets (the dataset's rank + 1).
 */
sealed interface H5LayoutMessage {
    /** Data inside the message, {@code dataBytes} from byte 4 of the body. */
    record Compact(int dataBytes) implements H5LayoutMessage {}

    /** Data at {@code address} ({@link H5Reader#UNDEF} when never written). */
    record Contiguous(long address, long dataBytes) implements H5LayoutMessage {}

    /** Chunks indexed by the B-tree at {@code btreeAddress} ({@link H5Reader#UNDEF} when none written). */
    record Chunked(int dimensionality, long btreeAddress) implements H5LayoutMessage {}

    static H5LayoutMessage parse(H5Reader r, ByteBuffer m, long at) throws H5FormatException, H5UnsupportedException {
        if (m.limit() < 2) {
            throw new H5FormatException("data layout message at " + at + " is " + m.limit() + " bytes");
        }
        int version = m.get(0) & 0xff;
        if (version != 3) {
            throw new H5UnsupportedException("data layout message version " + version);
        }
        int cls = m.get(1) & 0xff;
        int need =
                switch (cls) {
                    case 0 -> 4;
                    case 1 -> 2 + r.sizeOfOffsets() + r.sizeOfLengths();
                    case 2 -> 3 + r.sizeOfOffsets();
                    default -> throw new H5FormatException("data layout class " + cls + " at " + at);
                };
        if (m.limit() < need) {
            throw new H5FormatException("data layout message at " + at + " is " + m.limit() + " bytes");
        }
        m.position(2);
        return switch (cls) {
            case 0 -> {
                int size = m.getShort() & 0xffff;
                if (size > m.limit() - 4) {
                    throw new H5FormatException("compact data at " + at + " is larger than its message");
                }
                yield new Compact(size);
            }
            case 1 -> new Contiguous(r.offset(m), r.length(m));
            default -> new Chunked(m.get() & 0xff, r.offset(m));
        };
    }
}
