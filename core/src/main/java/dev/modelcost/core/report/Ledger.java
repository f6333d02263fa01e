package dev.modelcost.core.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partition of the model's bytes (file plus external data files) into categories.
 * {@code unexplainedBytes} = fileBytes + externalBytes − Σ entries on disk, and is 0 when everything is accounted for.
 * Entries of {@link LedgerCategory#MISSING_EXTERNAL_DATA} are payloads the model expects in a data file that is
 * missing: they are not on disk and not in the partition ({@link #missingBytes()}).
 * {@code externalFileBytes} names the external data files (relative to the model's folder) with their sizes.
 */
public record Ledger(
        long fileBytes,
        long externalBytes,
        List<LedgerEntry> entries,
        long unexplainedBytes,
        Map<String, Long> externalFileBytes) {
    public Ledger {
        entries = List.copyOf(entries);
        externalFileBytes = Map.copyOf(externalFileBytes);
    }

    /** A ledger without named external files. */
    public Ledger(long fileBytes, long externalBytes, List<LedgerEntry> entries, long unexplainedBytes) {
        this(fileBytes, externalBytes, entries, unexplainedBytes, Map.of());
    }

    public long bytesIn(LedgerCategory c) {
        return entries.stream()
                .filter(e -> e.category() == c)
                .mapToLong(LedgerEntry::bytes)
                .sum();
    }

    /** Items (tensors, structures) counted by the entries of a category. */
    public long countIn(LedgerCategory c) {
        return entries.stream()
                .filter(e -> e.category() == c)
                .mapToLong(LedgerEntry::count)
                .sum();
    }

    /** Payload bytes expected in external data files that are missing (0 when none is). */
    public long missingBytes() {
        return bytesIn(LedgerCategory.MISSING_EXTERNAL_DATA);
    }

    /** The missing external data files, by name, with the bytes expected in each. */
    public Map<String, Long> missingFiles() {
        Map<String, Long> out = new TreeMap<>();
        entries.stream()
                .filter(e -> e.category() == LedgerCategory.MISSING_EXTERNAL_DATA)
                .forEach(e -> out.merge(e.detail(), e.bytes(), Long::sum));
        return out;
    }

    /** Bytes per category on disk, in the categories' order; categories without entries are left out. */
    public Map<LedgerCategory, Long> bytesByCategory() {
        Map<LedgerCategory, Long> by = new TreeMap<>();
        for (LedgerEntry e : entries) {
            if (e.category() == LedgerCategory.MISSING_EXTERNAL_DATA) {
                continue;
            }
            by.merge(e.category(), e.bytes(), Long::sum);
        }
        return by;
    }

    /** File plus external bytes: what the ledger partitions. */
    public long totalBytes() {
        return fileBytes + externalBytes;
    }
}
