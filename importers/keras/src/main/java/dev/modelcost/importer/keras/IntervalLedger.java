package dev.modelcost.importer.keras;

import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte ranges of one file, each claimed by one structure. {@link #finish} books every byte no structure
 * claims as padding-and-free-space, so the sections it returns plus the claimed payloads add up to the
 * file length by construction; two structures claiming one byte are reported, never counted twice.
 * A range with a null category is a tensor payload booked elsewhere (by the tensor's storage).
 */
final class IntervalLedger {
    record Range(long offset, long length, LedgerCategory category, String detail) {}

    private final List<Range> ranges = new ArrayList<>();
    private final String format;

    /** {@code format} names the container in the free-space entry ("HDF5", "zip"). */
    IntervalLedger(String format) {
        this.format = format;
    }

    void add(LedgerCategory category, String detail, long offset, long length) {
        if (length > 0) {
            ranges.add(new Range(offset, length, category, detail));
        }
    }

    /** A tensor payload: occupies its bytes, booked by the importer's tensor storage, not here. */
    void payload(long offset, long length) {
        add(null, "payload", offset, length);
    }

    /** Offset and length of every payload range, in the order they were found. */
    List<long[]> payloads() {
        return ranges.stream()
                .filter(r -> r.category() == null)
                .map(r -> new long[] {r.offset(), r.length()})
                .toList();
    }

    long payloadBytes() {
        return ranges.stream()
                .filter(r -> r.category() == null)
                .mapToLong(Range::length)
                .sum();
    }

    /** Sections for [start, start + length): aggregated by category and detail; gaps become free space. */
    List<FileSection> finish(long start, long length, List<String> overlaps) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::offset));
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, LedgerCategory> cats = new LinkedHashMap<>();
        long at = start;
        long end = start + length;
        List<long[]> gaps = new ArrayList<>();
        for (Range r : sorted) {
            long from = Math.max(r.offset(), at);
            long to = Math.min(r.offset() + r.length(), end);
            if (r.offset() < at) {
                overlaps.add(
                        r.detail() + " at " + r.offset() + " (+" + r.length() + ") overlaps the structure before it by "
                                + (Math.min(at, r.offset() + r.length()) - r.offset()) + " bytes");
            }
            if (r.offset() + r.length() > end) {
                overlaps.add(r.detail() + " at " + r.offset() + " (+" + r.length() + ") runs past the end of the file");
            }
            if (from > at) {
                gaps.add(new long[] {at, Math.min(from, end) - at});
            }
            if (to > from && r.category() != null) {
                book(sums, cats, r.category(), r.detail(), to - from);
            }
            at = Math.max(at, to);
        }
        if (end > at) {
            gaps.add(new long[] {at, end - at});
        }
        // gaps are what no structure we walk references: freed space the library did not reuse, or structures
        // the walker does not know; the largest is named so that it can be looked at
        long[] largest = null;
        for (long[] g : gaps) {
            if (largest == null || g[1] > largest[1]) {
                largest = g;
            }
        }
        if (largest != null) {
            String detail = format + " bytes no structure references (largest gap: " + largest[1] + " bytes at offset "
                    + largest[0] + ")";
            for (long[] g : gaps) {
                book(sums, cats, LedgerCategory.PADDING_AND_FREE_SPACE, detail, g[1]);
            }
        }
        List<FileSection> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            out.add(new FileSection(
                    cats.get(e.getKey()),
                    e.getKey().substring(e.getKey().indexOf('|') + 1),
                    "",
                    -1,
                    e.getValue()[0],
                    e.getValue()[1]));
        }
        return out;
    }

    private static void book(
            Map<String, long[]> sums, Map<String, LedgerCategory> cats, LedgerCategory c, String detail, long bytes) {
        String key = c.name() + "|" + detail;
        cats.put(key, c);
        long[] s = sums.computeIfAbsent(key, k -> new long[2]);
        s[0] += bytes;
        s[1]++;
    }
}
