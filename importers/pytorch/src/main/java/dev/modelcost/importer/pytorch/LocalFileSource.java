package dev.modelcost.importer.pytorch;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.SourceBounds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** A model file read by offset. Stands in until core.io has its own file source; siblings are never opened. */
final class LocalFileSource implements ModelSource {
    private final Path path;
    private final FileChannel channel;
    private final long sizeBytes;

    LocalFileSource(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.sizeBytes = channel.size();
    }

    @Override
    public String location() { return path.toString(); }

    @Override
    public String fileName() { return path.getFileName() == null ? "" : path.getFileName().toString(); }

    @Override
    public long sizeBytes() { return sizeBytes; }

    @Override
    public void readFully(long offsetBytes, ByteBuffer target) throws IOException {
        SourceBounds.check(this, offsetBytes, target.remaining());
        long at = offsetBytes;
        while (target.hasRemaining()) {
            int n = channel.read(target, at);
            if (n < 0) {
                throw new IOException(path + " became shorter while it was read");
            }
            at += n;
        }
    }

    @Override
    public Optional<ModelSource> openSibling(String relativeLocation) { return Optional.empty(); }

    @Override
    public void close() throws IOException { channel.close(); }
}
