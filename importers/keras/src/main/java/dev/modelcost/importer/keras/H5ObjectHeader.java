package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A version 1 object header: its 16-byte prefix, then messages (2-byte type, 2-byte size, flags, 3 reserved
 * bytes, body) in the first block and in every continuation block that a continuation message (0x0010)
 * names. Hands each part to a {@link Visitor} with its channel position; never keeps more than one block.
 */
final class H5ObjectHeader {
    static final int PREFIX_BYTES = 16;
    static final int MESSAGE_HEADER_BYTES = 8;
    static final int CONTINUATION = 0x0010;
    /** A header split over more blocks than this is refused (h5py writes one or two). */
    static final int MAX_BLOCKS = 10_000;

    /** What the walk meets, in file order within each block. Positions are channel positions. */
    interface Visitor {
        void prefix(long at, int bytes);

        void messageHeader(long at);

        /** A message body; {@code body} holds exactly the message's bytes, position 0. */
        void message(int type, ByteBuffer body, long at) throws IOException, H5UnsupportedException;

        /** Bytes at the end of a block too short for a message header. */
        void gap(long at, long bytes);
    }

    private H5ObjectHeader() {}

    static void walk(H5Reader r, long address, Visitor v) throws IOException, H5UnsupportedException {
        long rel = r.abs(address) - r.start();
        ByteBuffer p = r.read(rel, PREFIX_BYTES);
        if (p.get(0) == 'O' && p.get(1) == 'H' && p.get(2) == 'D' && p.get(3) == 'R') {
            throw new H5UnsupportedException("version 2 object header at " + address);
        }
        if (p.get(0) != 1) {
            throw new H5FormatException("object header version " + p.get(0) + " at " + address);
        }
        long size = p.getInt(8) & 0xffffffffL;
        v.prefix(r.abs(address), PREFIX_BYTES);
        Deque<long[]> blocks = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        blocks.add(new long[] {rel + PREFIX_BYTES, size});
        while (!blocks.isEmpty()) {
            long[] blk = blocks.poll();
            if (!seen.add(blk[0]) || seen.size() > MAX_BLOCKS) {
                throw new H5FormatException(
                        "object header at " + address + ": continuation blocks loop or are too many");
            }
            block(r, blk[0], r.read(blk[0], blk[1]), blocks, v);
        }
    }

    private static void block(H5Reader r, long rel, ByteBuffer b, Deque<long[]> blocks, Visitor v)
            throws IOException, H5UnsupportedException {
        int pos = 0;
        while (pos + MESSAGE_HEADER_BYTES <= b.limit()) {
            int type = b.getShort(pos) & 0xffff;
            int size = b.getShort(pos + 2) & 0xffff;
            if (pos + MESSAGE_HEADER_BYTES + size > b.limit()) {
                throw new H5FormatException("object header message at " + (rel + pos) + " runs past its block");
            }
            long at = r.start() + rel + pos;
            v.messageHeader(at);
            ByteBuffer body = H5Reader.slice(b, pos + MESSAGE_HEADER_BYTES, size);
            if (type == CONTINUATION) {
                if (size < r.sizeOfOffsets() + r.sizeOfLengths()) {
                    throw new H5FormatException("continuation message at " + (rel + pos) + " is " + size + " bytes");
                }
                long off = r.offset(body);
                long len = r.length(body);
                r.checkAt(off, len);
                blocks.add(new long[] {r.abs(off) - r.start(), len});
                body.position(0);
            }
            v.message(type, body, at + MESSAGE_HEADER_BYTES);
            pos += MESSAGE_HEADER_BYTES + size;
        }
        if (pos < b.limit()) {
            v.gap(r.start() + rel + pos, b.limit() - pos);
        }
    }
}
