package dev.modelcost.importer.dl4j;

import dev.modelcost.core.spi.MalformedModelException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the uncompressed bytes of a zip entry, stored or deflated, never more than a caller's bound:
 * headers of large entries are inflated a chunk at a time and the rest is never touched.
 */
final class EntryReader {
    private static final int CHUNK = 8192;

    private EntryReader() { }

    /** Up to {@code max} uncompressed bytes from the start of the entry (fewer if the entry is shorter). */
    static byte[] head(Path file, FileChannel ch, ZipLayout.Entry e, int max) throws IOException {
        return read(file, ch, e, max, false);
    }

    /** The whole entry, which must be at most {@code max} uncompressed bytes, else the file is malformed. */
    static byte[] whole(Path file, FileChannel ch, ZipLayout.Entry e, int max) throws IOException {
        if (e.size() > max) {
            throw new MalformedModelException(file, e.name(), "entry is " + e.size() + " bytes, over the limit of " + max);
        }
        // The declared size bounds the work: a damaged stream cannot make us inflate up to the global limit.
        return read(file, ch, e, (int) Math.min(max, e.size() + 1), true);
    }

    private static byte[] read(Path file, FileChannel ch, ZipLayout.Entry e, int max, boolean whole) throws IOException {
        if (e.stored()) {
            int n = (int) Math.min(e.compressedSize(), max);
            if (whole && e.compressedSize() > max) {
                throw new MalformedModelException(file, e.name(), "entry is over the limit of " + max + " bytes");
            }
            ByteBuffer b = ZipLayout.readAt(ch, e.dataOffset(), n);
            byte[] out = new byte[n];
            b.get(out);
            return out;
        }
        if (!e.deflated()) {
            throw new MalformedModelException(file, e.name(), "unsupported zip compression method " + e.method());
        }
        Inflater inf = new Inflater(true);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 1 << 16));
            byte[] buf = new byte[CHUNK];
            long pos = e.dataOffset();
            long end = e.dataEnd();
            boolean padded = false;
            while (out.size() < max && !inf.finished()) {
                if (inf.needsInput()) {
                    if (pos >= end) {
                        // The raw stream may want one extra byte past the compressed data; give it a zero, once.
                        if (padded) {
                            throw new MalformedModelException(file, e.name(), "deflated data ends early");
                        }
                        padded = true;
                        inf.setInput(new byte[1]);
                        int n = inf.inflate(buf, 0, Math.min(buf.length, max - out.size()));
                        out.write(buf, 0, n);
                        if (!inf.finished() && n == 0) {
                            throw new MalformedModelException(file, e.name(), "deflated data ends early");
                        }
                        continue;
                    }
                    int len = (int) Math.min(CHUNK, end - pos);
                    ByteBuffer in = ZipLayout.readAt(ch, pos, len);
                    pos += len;
                    byte[] inBytes = new byte[len];
                    in.get(inBytes);
                    inf.setInput(inBytes);
                }
                int n = inf.inflate(buf, 0, Math.min(buf.length, max - out.size()));
                out.write(buf, 0, n);
                if (n == 0 && inf.needsDictionary()) {
                    throw new MalformedModelException(file, e.name(), "deflated data needs a preset dictionary");
                }
            }
            if (whole && !inf.finished()) {
                throw new MalformedModelException(file, e.name(), "entry inflates to more than its declared " + e.size() + " bytes (limit " + max + ")");
            }
            return out.toByteArray();
        } catch (DataFormatException ex) {
            throw new MalformedModelException(file, e.name(), "corrupt deflated data: " + ex.getMessage(), ex);
        } finally {
            inf.end();
        }
    }
}
