package dev.modelcost.importer.pytorch;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.SourceBounds;

import java.nio.ByteBuffer;
import java.util.Optional;

/** A test-only source over bytes in memory that counts what it was asked to read. */
public final class BytesSource implements ModelSource {
    private final byte[] bytes;
    private long bytesRead;

    public BytesSource(byte[] bytes) {
        this.bytes = bytes;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public String location() {
        return "memory.pt";
    }

    @Override
    public String fileName() {
        return "memory.pt";
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
