package dev.modelcost.core.io.zip;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.UnsupportedModelException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The uncompressed bytes of a zip entry, stored or deflated, never more than a caller's bound: the head of a large
 * entry is inflated a chunk at a time and the rest is never touched, and an entry that inflates past its declared
 * size is refused one byte past it (a lying size cannot turn a small archive into a memory bomb).
 */
public final class ZipEntryData {
    private static final int CHUNK_BYTES = 8192;

    private ZipEntryData() {}

    /** Up to {@code maxBytes} uncompressed bytes from the start of the entry (fewer if the entry is shorter). */
    public static byte[] head(ZipArchive zip, ZipArchive.Entry e, int maxBytes) throws IOException {
        return read(zip.source(), e, maxBytes, false);
    }

    /** The whole entry, which must be at most {@code maxBytes} uncompressed bytes, else the archive is malformed. */
    public static byte[] whole(ZipArchive zip, ZipArchive.Entry e, int maxBytes) throws IOException {
        if (e.uncompressedBytes() > maxBytes || (e.stored() && e.compressedBytes() > maxBytes)) {
            throw new MalformedModelException(
                    zip.source().location(),
                    e.name(),
                    "entry is " + e.uncompressedBytes() + " bytes, over the limit of " + maxBytes);
        }
        // The declared size bounds the work: a damaged stream cannot make us inflate up to the caller's limit.
        return read(zip.source(), e, (int) Math.min(maxBytes, e.uncompressedBytes() + 1), true);
    }

    private static byte[] read(ModelSource source, ZipArchive.Entry e, int maxBytes, boolean whole) throws IOException {
        if (e.stored()) {
            return source.readBytes(e.dataOffset(), (int) Math.min(e.compressedBytes(), maxBytes));
        }
        if (!e.deflated()) {
            throw new UnsupportedModelException(
                    source.location(),
                    e.name(),
                    "zip compression method " + e.method()
                            + " is not supported (only stored and deflated entries are read)");
        }
        Inflater inflater = new Inflater(true);
        try {
            byte[] out = inflate(source, e, inflater, maxBytes);
            if (whole && !inflater.finished()) {
                throw new MalformedModelException(
                        source.location(),
                        e.name(),
                        "entry inflates to more than its declared " + e.uncompressedBytes() + " bytes (limit "
                                + maxBytes + ")");
            }
            return out;
        } catch (DataFormatException ex) {
            throw new MalformedModelException(
                    source.location(), e.name(), "corrupt deflated data: " + ex.getMessage(), ex);
        } finally {
            inflater.end();
        }
    }

    private static byte[] inflate(ModelSource source, ZipArchive.Entry e, Inflater inflater, int maxBytes)
            throws IOException, DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 1 << 16));
        byte[] buf = new byte[CHUNK_BYTES];
        long pos = e.dataOffset();
        boolean padded = false;
        while (out.size() < maxBytes && !inflater.finished()) {
            if (inflater.needsInput()) {
                if (pos >= e.dataEnd()) {
                    // A raw deflate stream may want one byte past its data; it gets one zero, once.
                    if (padded) {
                        throw new MalformedModelException(source.location(), e.name(), "deflated data ends early");
                    }
                    padded = true;
                    inflater.setInput(new byte[1]);
                    int n = inflater.inflate(buf, 0, Math.min(buf.length, maxBytes - out.size()));
                    out.write(buf, 0, n);
                    if (!inflater.finished() && n == 0) {
                        throw new MalformedModelException(source.location(), e.name(), "deflated data ends early");
                    }
                    continue;
                }
                int len = (int) Math.min(CHUNK_BYTES, e.dataEnd() - pos);
                inflater.setInput(source.readBytes(pos, len));
                pos += len;
            }
            int n = inflater.inflate(buf, 0, Math.min(buf.length, maxBytes - out.size()));
            out.write(buf, 0, n);
            if (n == 0 && inflater.needsDictionary()) {
                throw new MalformedModelException(
                        source.location(), e.name(), "deflated data needs a preset dictionary");
            }
        }
        return out.toByteArray();
    }
}
