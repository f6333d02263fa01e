package dev.modelcost.importer.keras;

import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.io.ModelSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;

/** A file source that records every byte range read, for the "no weight data read" tests. */
final class RecordingSource implements ModelSource {
    static final class Log {
        private final TreeMap<Long, Long> ranges = new TreeMap<>(); // start -> end, merged
        private long totalBytes;

        /** Every byte read, counting a range read again each time. */
        synchronized long totalBytes() {
            return totalBytes;
        }

        synchronized void add(long from, long length) {
            totalBytes += length;
            long to = from + length;
            var lower = ranges.floorEntry(from);
            if (lower != null && lower.getValue() >= from) {
                from = lower.getKey();
                to = Math.max(to, lower.getValue());
            }
            var it = ranges.subMap(from, true, to, true).entrySet().iterator();
            while (it.hasNext()) {
                to = Math.max(to, it.next().getValue());
                it.remove();
            }
            ranges.put(from, to);
        }

        synchronized boolean overlaps(long from, long to) {
            var lower = ranges.lowerEntry(to);
            return lower != null && lower.getValue() > from;
        }

        @Override
        public synchronized String toString() {
            StringBuilder sb = new StringBuilder();
            ranges.forEach(
                    (a, b) -> sb.append('[').append(a).append(',').append(b).append(") "));
            return sb.toString();
        }
    }

    private final FileSource in;
    private final Log log;

    private RecordingSource(FileSource in, Log log) {
        this.in = in;
        this.log = log;
    }

    /** Opens {@code file}; the source stays open for the test run (analyses read payloads through it afterwards). */
    static RecordingSource open(Path file, Log log) throws IOException {
        return new RecordingSource(FileSource.open(file), log);
    }

    @Override
    public String location() {
        return in.location();
    }

    @Override
    public String fileName() {
        return in.fileName();
    }

    @Override
    public long sizeBytes() {
        return in.sizeBytes();
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer target) throws IOException {
        log.add(offsetBytes, target.remaining());
        in.readFully(offsetBytes, target);
    }

    @Override
    public Optional<ModelSource> openSibling(String relativeLocation) throws IOException {
        return in.openSibling(relativeLocation);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
