package dev.modelcost.core.analysis;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.PayloadReader;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.Diagnostic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public record Copy(Tensor copy, Tensor original) {}

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
            return o instanceof Candidate c
                    && c.dtype == dtype
                    && c.storedBytes == storedBytes
                    && Arrays.equals(c.dims, dims);
        }

        @Override
        public int hashCode() {
            return (dtype.hashCode() * 31 + Arrays.hashCode(dims)) * 31 + Long.hashCode(storedBytes);
        }
    }

    private final PayloadReader payloads;
    private final ByteBuffer bufferA = ByteBuffer.allocate(BUFFER_BYTES);
    private final ByteBuffer bufferB = ByteBuffer.allocate(BUFFER_BYTES);
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private long bytesRead;

    private DuplicateTensors(PayloadReader payloads) {
        this.payloads = payloads;
    }

    /**
     * Tensors in file order. Payloads are read only through {@code payloads}: the model's source ("") and the
     * external files the importer opened; a location it did not open is not compared.
     */
    public static Result find(PayloadReader payloads, Collection<Tensor> tensors) {
        DuplicateTensors d = new DuplicateTensors(payloads);
        return new Result(d.search(tensors), d.diagnostics, d.bytesRead);
    }

    private List<Copy> search(Collection<Tensor> tensors) {
        Map<Candidate, List<Tensor>> candidates = new LinkedHashMap<>();
        Set<String> places = new HashSet<>();
        for (Tensor t : tensors) {
            Storage s = t.storage();
            if (s == null
                    || s.encoding() != Storage.Encoding.RAW
                    || s.lengthBytes() < MIN_BYTES
                    || s.offsetBytes() < 0
                    || !t.shape().isFullyKnown()
                    || !places.add(s.file() + "\u0000" + s.offsetBytes())) {
                continue;
            }
            candidates
                    .computeIfAbsent(
                            new Candidate(t.dtype(), t.shape().sizes(), s.lengthBytes()), k -> new ArrayList<>())
                    .add(t);
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
            ByteBuffer prefix =
                    ByteBuffer.allocate((int) Math.min(PREFIX_BYTES, t.storage().lengthBytes()));
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
        Optional<ModelSource> source = payloads.source(s.file());
        if (source.isEmpty()) {
            diagnostics.add(Diagnostic.warning("cannot read '" + s.file() + "' to look for duplicate tensors: "
                    + "not among the external files checked at import"));
            return false;
        }
        ModelSource src = source.get();
        if (s.offsetBytes() + s.lengthBytes() > src.sizeBytes()) {
            diagnostics.add(Diagnostic.warning("payload at byte " + s.offsetBytes() + " of '" + name(s.file(), src)
                    + "' runs past the end of the file; not compared for duplicates"));
            return false;
        }
        try {
            int n = into.remaining();
            src.readFully(at, into);
            bytesRead += n;
            return true;
        } catch (IOException e) {
            diagnostics.add(Diagnostic.warning(
                    "cannot read '" + name(s.file(), src) + "' to look for duplicate tensors: " + e.getMessage()));
            return false;
        }
    }

    private static String name(String file, ModelSource src) {
        return Storage.MODEL_FILE.equals(file) ? src.location() : file;
    }
}
