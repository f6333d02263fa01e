package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.Diagnostic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds tensors stored more than once with identical content. Cheap by construction: only tensors that share
 * dtype, shape and stored length can be copies, so only groups of two or more are read at all; within a group,
 * the first {@value #PREFIX_BYTES} bytes split off most distinct tensors, and only tensors whose prefixes agree
 * are compared in full, byte for byte, through two bounded buffers (exact: no hash to trust). A weight is never
 * held in memory. Payloads under {@value #MIN_BYTES} bytes (scalars, shape vectors) are not compared.
 * Only contiguous little-endian payloads ({@link Storage.Encoding#RAW}) are compared; two tensors that point at
 * the same bytes (the same file and offset) are one stored copy, not two.
 */
public final class DuplicateTensors {
    static final int PREFIX_BYTES = 4096;
    /** Scalars and short shape vectors repeat everywhere and sharing them would save less than a reference costs. */
    static final int MIN_BYTES = 64;
    private static final int BUFFER_BYTES = 1 << 20;

    /** A tensor whose stored bytes repeat those of {@code original}, which comes first in the file's order. */
    public record Copy(Tensor copy, Tensor original) { }

    /** The copies found, what could not be compared, and how many payload bytes were read to decide. */
    public record Result(List<Copy> copies, List<Diagnostic> diagnostics, long bytesRead) {
        public static final Result NONE = new Result(List.of(), List.of(), 0);
    }

    /**
     * What copies must share before their bytes are worth reading. A class with its own equals and hashCode, not a
     * record: a record's are bootstrapped through method handles, which costs more at start-up than the search.
     */
    private static final class Candidate {
        private final DType dtype;
        private final long[] dims;
        private final long storedBytes;

        Candidate(DType dtype, long[] dims, long storedBytes) {
            this.dtype = dtype;
            this.dims = dims;
            this.storedBytes = storedBytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Candidate c && c.dtype == dtype && c.storedBytes == storedBytes && Arrays.equals(c.dims, dims);
        }

        @Override
        public int hashCode() { return (dtype.hashCode() * 31 + Arrays.hashCode(dims)) * 31 + Long.hashCode(storedBytes); }
    }

    private final Path modelFile;
    private final Map<String, Path> externalFiles;
    private final Map<String, FileChannel> open = new HashMap<>();
    private final ByteBuffer bufferA = ByteBuffer.allocate(BUFFER_BYTES);
    private final ByteBuffer bufferB = ByteBuffer.allocate(BUFFER_BYTES);
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private long bytesRead;

    private DuplicateTensors(Path modelFile, Map<String, Path> externalFiles) {
        this.modelFile = modelFile;
        this.externalFiles = externalFiles;
    }

    /** Tensors in file order; payloads in the model file ("") or in one of the importer's checked external files. */
    public static Result find(Path modelFile, Collection<Tensor> tensors) {
        return find(modelFile, Map.of(), tensors);
    }

    /**
     * Tensors in file order. An external location is read only through {@code externalFiles}, the real paths the
     * importer checked to lie inside the model's folder; a location it did not check is not compared.
     */
    public static Result find(Path modelFile, Map<String, Path> externalFiles, Collection<Tensor> tensors) {
        DuplicateTensors d = new DuplicateTensors(modelFile, externalFiles);
        try {
            return new Result(d.search(tensors), d.diagnostics, d.bytesRead);
        } finally {
            d.closeAll();
        }
    }

    private List<Copy> search(Collection<Tensor> tensors) {
        Map<Candidate, List<Tensor>> candidates = new LinkedHashMap<>();
        Set<String> places = new HashSet<>();
        for (Tensor t : tensors) {
            Storage s = t.storage();
            if (s == null || s.encoding() != Storage.Encoding.RAW || s.lengthBytes() < MIN_BYTES || s.offsetBytes() < 0
                    || !t.shape().isFullyKnown()
                    || !places.add(s.file() + "\u0000" + s.offsetBytes())) {
                continue;
            }
            candidates.computeIfAbsent(new Candidate(t.dtype(), t.shape().sizes(), s.lengthBytes()), k -> new ArrayList<>()).add(t);
        }
        List<Copy> copies = new ArrayList<>();
        for (List<Tensor> group : candidates.values()) {
            if (group.size() < 2) {
                continue;
            }
            for (List<Tensor> samePrefix : splitByPrefix(group)) {
                for (List<Tensor> equal : splitByContent(samePrefix)) {
                    for (int i = 1; i < equal.size(); i++) {
                        copies.add(new Copy(equal.get(i), equal.get(0)));
                    }
                }
            }
        }
        return copies;
    }

    /** Groups tensors by their first {@value #PREFIX_BYTES} stored bytes, compared exactly; unreadable ones are left out. */
    private List<List<Tensor>> splitByPrefix(List<Tensor> group) {
        Map<ByteBuffer, List<Tensor>> byPrefix = new LinkedHashMap<>();
        for (Tensor t : group) {
            ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(PREFIX_BYTES, t.storage().lengthBytes()));
            if (read(t.storage(), t.storage().offsetBytes(), prefix)) {
                byPrefix.computeIfAbsent(prefix.flip(), k -> new ArrayList<>()).add(t);
            }
        }
        return new ArrayList<>(byPrefix.values());
    }

    /**
     * Splits tensors whose prefixes agree into classes of identical content, comparing each with the first member
     * of every class so far, stream against stream. Usually that is one class (copies) or a few.
     */
    private List<List<Tensor>> splitByContent(List<Tensor> samePrefix) {
        List<List<Tensor>> classes = new ArrayList<>();
        if (samePrefix.size() < 2) {
            return classes;
        }
        if (samePrefix.get(0).storage().lengthBytes() <= PREFIX_BYTES) {
            classes.add(samePrefix); // the prefix was the whole payload
            return classes;
        }
        for (Tensor t : samePrefix) {
            List<Tensor> home = null;
            for (List<Tensor> c : classes) {
                if (sameContent(c.get(0).storage(), t.storage())) {
                    home = c;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                classes.add(home);
            }
            home.add(t);
        }
        return classes;
    }

    private boolean sameContent(Storage a, Storage b) {
        long length = a.lengthBytes();
        for (long done = PREFIX_BYTES; done < length; ) {
            int n = (int) Math.min(BUFFER_BYTES, length - done);
            bufferA.clear().limit(n);
            bufferB.clear().limit(n);
            if (!read(a, a.offsetBytes() + done, bufferA) || !read(b, b.offsetBytes() + done, bufferB)) {
                return false;
            }
            if (!bufferA.flip().equals(bufferB.flip())) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /** Fills {@code into} from the storage's file at {@code at}; false (with a diagnostic) when it cannot. */
    private boolean read(Storage s, long at, ByteBuffer into) {
        try {
            FileChannel ch = channel(s.file());
            if (s.offsetBytes() + s.lengthBytes() > ch.size()) {
                diagnostics.add(Diagnostic.warning("payload at byte " + s.offsetBytes() + " of '" + name(s.file())
                        + "' runs past the end of the file; not compared for duplicates"));
                return false;
            }
            long pos = at;
            while (into.hasRemaining()) {
                int n = ch.read(into, pos);
                if (n < 0) {
                    return false;
                }
                pos += n;
                bytesRead += n;
            }
            return true;
        } catch (IOException e) {
            diagnostics.add(Diagnostic.warning("cannot read '" + name(s.file()) + "' to look for duplicate tensors: "
                    + e.getMessage()));
            return false;
        }
    }

    private FileChannel channel(String file) throws IOException {
        FileChannel ch = open.get(file);
        if (ch == null) {
            Path p = Storage.MODEL_FILE.equals(file) ? modelFile : externalFiles.get(file);
            if (p == null) {
                throw new IOException("not among the external files checked at import");
            }
            // Only a regular file, and not through a link put in place since the import checked the path
            // (a named pipe would block the open; a link could lead out of the folder).
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("no longer a regular file");
            }
            ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            open.put(file, ch);
        }
        return ch;
    }

    private String name(String file) { return Storage.MODEL_FILE.equals(file) ? modelFile.toString() : file; }

    private void closeAll() {
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only channels: nothing to lose
            }
        }
    }

}
