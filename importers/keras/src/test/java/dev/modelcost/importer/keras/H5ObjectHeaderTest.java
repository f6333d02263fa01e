package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Version 1 object headers as the specification lays them out: prefix (version 1, reserved, message count (2),
 * reference count (4), header size (4), 4 bytes to align to 8), then messages of type (2), size (2), flags (1),
 * reserved (3) and body, in the first block and in continuation blocks (message 0x0010: offset, length).
 */
class H5ObjectHeaderTest {

    /** Every part the walk reports, as "kind position+bytes". */
    private static final class Recorder implements H5ObjectHeader.Visitor {
        final List<String> events = new ArrayList<>();

        @Override
        public void prefix(long at, int bytes) {
            events.add("prefix " + at + "+" + bytes);
        }

        @Override
        public void messageHeader(long at) {
            events.add("header " + at);
        }

        @Override
        public void message(int type, ByteBuffer body, long at) {
            events.add("message " + type + " " + at + "+" + body.limit());
        }

        @Override
        public void gap(long at, long bytes) {
            events.add("gap " + at + "+" + bytes);
        }
    }

    private static H5TestBytes prefix(H5TestBytes b, int at, int messages, long headerBytes) {
        return b.at(at).u8(1).u8(0).u16(messages).u32(1).u32(headerBytes).u32(0);
    }

    private static List<String> walk(H5TestBytes b, long address) throws Exception {
        Recorder r = new Recorder();
        H5ObjectHeader.walk(b.reader(), address, r);
        return r.events;
    }

    @Test
    void messagesOfTheFirstBlockInOrderAndTheTailTooShortForAMessage() throws Exception {
        H5TestBytes b = new H5TestBytes(64);
        // 44-byte block at 16: dataspace (8 + 16), NIL (8 + 8), 4 bytes left over
        prefix(b, 0, 2, 44).message(0x0001, 16).at(40).message(0x0000, 8);

        assertEquals(
                List.of("prefix 0+16", "header 16", "message 1 24+16", "header 40", "message 0 48+8", "gap 56+4"),
                walk(b, 0));
    }

    @Test
    void continuationBlocksAreWalkedAfterTheBlockThatNamesThem() throws Exception {
        H5TestBytes b = new H5TestBytes(128);
        prefix(b, 0, 2, 24).message(0x0010, 16).u64(100).u64(24); // block at 16..40: continuation to 100 (+24)
        b.at(100).message(0x0003, 16); // block at 100..124: datatype

        assertEquals(
                List.of("prefix 0+16", "header 16", "message 16 24+16", "header 100", "message 3 108+16"), walk(b, 0));
    }

    @Test
    void aHeaderAfterAUserBlockIsReportedAtItsChannelPosition() throws Exception {
        H5TestBytes b = new H5TestBytes(64);
        prefix(b, 16, 1, 8).message(0x0000, 0);
        H5Reader based = b.raw().with(16, 8, 8); // base address 16: address 0 is channel position 16
        Recorder r = new Recorder();
        H5ObjectHeader.walk(based, 0, r);
        assertEquals(List.of("prefix 16+16", "header 32", "message 0 40+0"), r.events);
    }

    @Test
    void aContinuationThatLoopsBackIsMalformed() {
        H5TestBytes b = new H5TestBytes(128);
        prefix(b, 0, 1, 24).message(0x0010, 16).u64(100).u64(24);
        b.at(100).message(0x0010, 16).u64(100).u64(24); // names its own block again
        assertThrows(H5FormatException.class, () -> walk(b, 0));
    }

    @Test
    void aContinuationPastTheEndOfTheFileIsMalformed() {
        H5TestBytes b = new H5TestBytes(64);
        prefix(b, 0, 1, 24).message(0x0010, 16).u64(40).u64(1L << 40);
        assertThrows(H5FormatException.class, () -> walk(b, 0));
    }

    @Test
    void aContinuationMessageTooShortForItsFieldsIsMalformed() {
        H5TestBytes b = new H5TestBytes(64);
        prefix(b, 0, 1, 16).message(0x0010, 8).u64(40);
        assertThrows(H5FormatException.class, () -> walk(b, 0));
    }

    @Test
    void aMessageLongerThanItsBlockIsMalformed() {
        H5TestBytes b = new H5TestBytes(128);
        prefix(b, 0, 1, 24).message(0x0001, 0xffff);
        assertThrows(H5FormatException.class, () -> walk(b, 0));
    }

    @Test
    void aHeaderSizePastTheEndOfTheFileIsMalformed() {
        H5TestBytes b = new H5TestBytes(64);
        prefix(b, 0, 1, 0xfffffff0L);
        assertThrows(H5FormatException.class, () -> walk(b, 0));
    }

    @Test
    void aHeaderAddressOutsideTheFileIsMalformed() {
        H5TestBytes b = new H5TestBytes(64);
        assertThrows(H5FormatException.class, () -> walk(b, 1L << 33));
    }

    @Test
    void version2HeadersAreUnsupportedAndOtherVersionsMalformed() {
        H5TestBytes v2 = new H5TestBytes(64);
        v2.at(0).ascii("OHDR").u8(2);
        assertThrows(H5UnsupportedException.class, () -> walk(v2, 0));
        H5TestBytes v3 = new H5TestBytes(64);
        v3.at(0).u8(3);
        assertThrows(H5FormatException.class, () -> walk(v3, 0));
    }
}
