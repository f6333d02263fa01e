package dev.modelcost.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.modelcost.core.spi.MalformedModelException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A position-aware reader of protobuf wire format over a file stream. Every declared length is checked
 * against what is left of the enclosing message (and so of the file) before anything is read or skipped,
 * so a hostile length can neither allocate nor seek past the end.
 * It also counts the protobuf framing it reads (tags and length prefixes), so that the byte ledger can
 * tell framing from content without a second pass: content = bytes read − framing read.
 */
final class ProtoCursor {
    private static final int MAX_WALK_DEPTH = 64;

    private final CodedInputStream in;
    private final String location;
    private final long fileBytes;
    private long framingBytes;
    private long lastTagOffset;
    private long framingBeforeLastTag;
    private int lastLength;

    ProtoCursor(InputStream stream, String location, long fileBytes) {
        this.in = CodedInputStream.newInstance(stream, 64 * 1024);
        this.in.setSizeLimit(Integer.MAX_VALUE);
        this.location = location;
        this.fileBytes = fileBytes;
    }

    long position() {
        return in.getTotalBytesRead();
    }

    String location() {
        return location;
    }

    boolean atEnd() throws IOException {
        return in.isAtEnd();
    }

    /** The next tag, or 0 at the end of the current message. Its bytes count as framing. */
    int tag() throws IOException {
        lastTagOffset = position();
        framingBeforeLastTag = framingBytes;
        int tag = in.readTag();
        framingBytes += position() - lastTagOffset;
        return tag;
    }

    /** Tags and length prefixes read so far. */
    long framingBytes() {
        return framingBytes;
    }

    /** Where the last tag started, and the framing count just before it: where its field's structure begins. */
    long lastTagOffset() {
        return lastTagOffset;
    }

    long framingBeforeLastTag() {
        return framingBeforeLastTag;
    }

    /** The last length prefix read: the content bytes of the last string or bytes field. */
    int lastLength() {
        return lastLength;
    }

    static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    static int wireType(int tag) {
        return WireFormat.getTagWireType(tag);
    }

    long varint() throws IOException {
        return in.readRawVarint64();
    }

    int fixed32() throws IOException {
        return in.readRawLittleEndian32();
    }

    long fixed64() throws IOException {
        return in.readRawLittleEndian64();
    }

    /** Reads a length prefix and checks it against the bytes left in the current message. */
    int length() throws IOException {
        long at = position();
        long len = in.readRawVarint64();
        framingBytes += position() - at;
        if (len < 0 || len > remaining()) {
            throw malformed(
                    at,
                    "declared length " + len + " runs past the end of its message (" + remaining() + " bytes left)");
        }
        lastLength = (int) len;
        return (int) len;
    }

    long remaining() {
        int untilLimit = in.getBytesUntilLimit();
        long untilEof = fileBytes - position();
        return untilLimit < 0 ? untilEof : Math.min(untilLimit, untilEof);
    }

    /** Enters a length-delimited message; returns the token for {@link #leave(int)}. */
    int enter() throws IOException {
        return in.pushLimit(length());
    }

    /** Skips what is left of the current message and returns to the enclosing one. */
    void leave(int token) throws IOException {
        int left = in.getBytesUntilLimit();
        if (left > 0) {
            in.skipRawBytes(left);
        }
        in.popLimit(token);
    }

    /** Limits reading to the next {@code length} bytes (already checked); returns the token for {@link #popLimit}. */
    int pushLimit(int length) throws IOException {
        return in.pushLimit(length);
    }

    void popLimit(int token) {
        in.popLimit(token);
    }

    int remainingInLimit() {
        return in.getBytesUntilLimit();
    }

    byte[] bytes(int length) throws IOException {
        return in.readRawBytes(length);
    }

    void skip(int length) throws IOException {
        in.skipRawBytes(length);
    }

    /** A length-delimited string no longer than {@code maxBytes}; longer ones are skipped and shortened. */
    String string(long maxBytes) throws IOException {
        int len = length();
        if (len > maxBytes) {
            in.skipRawBytes(len);
            return "<" + len + " bytes>";
        }
        return new String(in.readRawBytes(len), StandardCharsets.UTF_8);
    }

    /**
     * Reads a length-delimited sub-message of the given schema type into memory (at most {@code maxBytes})
     * and counts the framing inside it, so that parsing it with the generated class loses no ledger detail.
     */
    byte[] message(MessageKind type, long maxBytes) throws IOException {
        long at = position();
        int len = length();
        if (len > maxBytes) {
            throw malformed(at, type + " of " + len + " bytes exceeds the limit of " + maxBytes);
        }
        byte[] b = in.readRawBytes(len);
        ProtoCursor inner = new ProtoCursor(new ByteArrayInputStream(b), location, len);
        inner.walk(type, 0);
        framingBytes += inner.framingBytes;
        return b;
    }

    /**
     * Skips the rest of the current message while counting its framing: fields that hold
     * messages are entered, everything else is skipped. Unknown fields are opaque content.
     */
    void walk(MessageKind type, int depth) throws IOException {
        if (depth > MAX_WALK_DEPTH) {
            throw malformed(position(), "messages nested deeper than " + MAX_WALK_DEPTH);
        }
        int tag;
        while ((tag = tag()) != 0) {
            MessageKind child = type.child(field(tag));
            if (child != null && wireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int token = enter();
                walk(child, depth + 1);
                leave(token);
            } else {
                skipField(tag);
            }
        }
    }

    /** Skips a field and returns its content bytes (what it held, without its length prefix). */
    long skipContent(int tag) throws IOException {
        long at = position();
        long framed = framingBytes;
        skipField(tag);
        return position() - at - (framingBytes - framed);
    }

    void skipField(int tag) throws IOException {
        switch (wireType(tag)) {
            case WireFormat.WIRETYPE_VARINT -> in.readRawVarint64();
            case WireFormat.WIRETYPE_FIXED64 -> in.skipRawBytes(8);
            case WireFormat.WIRETYPE_FIXED32 -> in.skipRawBytes(4);
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.skipRawBytes(length());
            default -> throw malformed(
                    position(), "unsupported protobuf wire type " + wireType(tag) + " for field " + field(tag));
        }
    }

    MalformedModelException malformed(long offset, String problem) {
        return new MalformedModelException(location, "byte " + offset, problem);
    }
}
