package dev.modelcost.importer.pytorch;

import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of one storage that tensors cover, as disjoint ranges of elements. Adding a tensor's range says how
 * many of its elements no earlier tensor covered: views that overlap (a whole weight and a slice of it) put their
 * shared bytes in the file once, and the ledger counts them once.
 */
final class CoveredRanges {
    private final TreeMap<Long, Long> ranges = new TreeMap<>(); // start -> end (exclusive), disjoint

    /** Adds [start, end) and returns how many of its elements were not covered before. */
    long add(long start, long end) {
        if (end <= start) {
            return 0;
        }
        long fresh = end - start;
        long newStart = start;
        long newEnd = end;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            fresh -= Math.min(before.getValue(), end) - start;
            newStart = before.getKey();
            newEnd = Math.max(newEnd, before.getValue());
            ranges.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> e = ranges.ceilingEntry(start);
                e != null && e.getKey() <= end;
                e = ranges.ceilingEntry(start)) {
            fresh -= Math.min(e.getValue(), end) - e.getKey();
            newEnd = Math.max(newEnd, e.getValue());
            ranges.remove(e.getKey());
        }
        ranges.put(newStart, newEnd);
        return Math.max(0, fresh);
    }
}
