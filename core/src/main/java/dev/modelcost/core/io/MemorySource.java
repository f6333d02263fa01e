package dev.modelcost.core.io;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A model held in memory (a blob from a database, a test's bytes): reads are bounded like a file's, and the bytes
 * asked for are counted, so a caller can check that an importer read only the metadata it needed. It has no folder:
 * external data files are never found beside it.
 */
public final class MemorySource implements ModelSource {
    private final String fileName;
    private final byte[] bytes;
    private long bytesRead;

    public MemorySource(String fileName, byte[] bytes) {
        this.fileName = fileName;
        this.bytes = bytes;
    }

    /** Bytes read so far, over every call. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public String location() {
        return fileName;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public long sizeBytes() {
        return bytes.length;
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer target) {
        SourceBounds.check(this, offsetBytes, target.remaining());
        bytesRead += target.remaining();
        target.put(bytes, (int) offsetBytes, target.remaining());
    }

    @Override
    public Optional<ModelSource> openSibling(String relativeLocation) {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
