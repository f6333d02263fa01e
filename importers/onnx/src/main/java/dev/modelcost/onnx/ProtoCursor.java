package dev.modelcost.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.modelcost.core.spi.MalformedModelException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A position-aware reader of protobuf wire format over a file stream. Every declared length is checked
 * against what is left of the enclosing message (and so of the file) before anything is read or skipped,
 * so a hostile length can neither allocate nor seek past the end.
 */
final class ProtoCursor {
    private final CodedInputStream in;
    private final Path file;
    private final long fileBytes;

    ProtoCursor(InputStream stream, Path file, long fileBytes) {
        this.in = CodedInputStream.newInstance(stream, 64 * 1024);
        this.in.setSizeLimit(Integer.MAX_VALUE);
        this.file = file;
        this.fileBytes = fileBytes;
    }

    long position() { return in.getTotalBytesRead(); }

    Path file() { return file; }

    boolean atEnd() throws IOException { return in.isAtEnd(); }

    /** The next tag, or 0 at the end of the current message. */
    int tag() throws IOException { return in.readTag(); }

    static int field(int tag) { return WireFormat.getTagFieldNumber(tag); }

    static int wireType(int tag) { return WireFormat.getTagWireType(tag); }

    long varint() throws IOException { return in.readRawVarint64(); }

    int fixed32() throws IOException { return in.readRawLittleEndian32(); }

    long fixed64() throws IOException { return in.readRawLittleEndian64(); }

    /** Reads a length prefix and checks it against the bytes left in the current message. */
    int length() throws IOException {
        long at = position();
        long len = in.readRawVarint64();
        if (len < 0 || len > remaining()) {
            throw malformed(at, "declared length " + len + " runs past the end of its message ("
                    + remaining() + " bytes left)");
        }
        return (int) len;
    }

    long remaining() {
        int untilLimit = in.getBytesUntilLimit();
        long untilEof = fileBytes - position();
        return untilLimit < 0 ? untilEof : Math.min(untilLimit, untilEof);
    }

    /** Enters a length-delimited message; returns the token for {@link #leave(int)}. */
    int enter() throws IOException { return in.pushLimit(length()); }

    /** Skips what is left of the current message and returns to the enclosing one. */
    void leave(int token) throws IOException {
        int left = in.getBytesUntilLimit();
        if (left > 0) {
            in.skipRawBytes(left);
        }
        in.popLimit(token);
    }

    /** Limits reading to the next {@code length} bytes (already checked); returns the token for {@link #popLimit}. */
    int pushLimit(int length) throws IOException { return in.pushLimit(length); }

    void popLimit(int token) { in.popLimit(token); }

    int remainingInLimit() { return in.getBytesUntilLimit(); }

    byte[] bytes(int length) throws IOException { return in.readRawBytes(length); }

    void skip(int length) throws IOException { in.skipRawBytes(length); }

    /** A length-delimited string no longer than {@code maxBytes}; longer ones are skipped and shortened. */
    String string(long maxBytes) throws IOException {
        int len = length();
        if (len > maxBytes) {
            in.skipRawBytes(len);
            return "<" + len + " bytes>";
        }
        return new String(in.readRawBytes(len), StandardCharsets.UTF_8);
    }

    void skipField(int tag) throws IOException {
        switch (wireType(tag)) {
            case WireFormat.WIRETYPE_VARINT -> in.readRawVarint64();
            case WireFormat.WIRETYPE_FIXED64 -> in.skipRawBytes(8);
            case WireFormat.WIRETYPE_FIXED32 -> in.skipRawBytes(4);
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.skipRawBytes(length());
            default -> throw malformed(position(), "unsupported protobuf wire type " + wireType(tag)
                    + " for field " + field(tag));
        }
    }

    MalformedModelException malformed(long offset, String problem) {
        return new MalformedModelException(file, "byte " + offset, problem);
    }
}
