package dev.modelcost.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The bytes of one model file, read by offset: a local file today, an HTTP range reader tomorrow.
 * Importers read only through this; nothing else opens a model's path. Every read is bounded by
 * {@link #sizeBytes()} before anything is allocated, so a declared length that passes the end of the
 * source is refused, not attempted.
 */
public interface ModelSource extends Closeable {

    /** What messages name: the file's path as given, or the URL. */
    String location();

    /** The last segment of the location (a file name), for the few formats that need a name hint. */
    String fileName();

    /** The source's length in bytes, fixed for the whole read. */
    long sizeBytes();

    /**
     * Fills {@code target} (all of its remaining bytes) from {@code offsetBytes} on. Throws
     * {@link dev.modelcost.core.spi.MalformedModelException} when the range passes the end of the source.
     */
    void readFully(long offsetBytes, ByteBuffer target) throws IOException;

    /** {@code lengthBytes} bytes from {@code offsetBytes}, checked against the source's size before allocating. */
    default byte[] readBytes(long offsetBytes, int lengthBytes) throws IOException {
        SourceBounds.check(this, offsetBytes, lengthBytes);
        byte[] bytes = new byte[lengthBytes];
        readFully(offsetBytes, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * A file the model names by a relative location (ONNX external data, safetensors shards, GGUF splits),
     * resolved beside this one and confined to its folder (or, remotely, its origin and folder): absolute
     * locations, "..", and links that lead out are refused with a MalformedModelException. Empty when no
     * such file exists. The sibling belongs to this source: it stays readable until this source is closed, which
     * closes it, so that analyses read external payloads through exactly the file the importer checked.
     */
    Optional<ModelSource> openSibling(String relativeLocation) throws IOException;
}
