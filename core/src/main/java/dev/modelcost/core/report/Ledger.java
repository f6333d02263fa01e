package dev.modelcost.core.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partition of the model's bytes (file plus external data files) into categories.
 * {@code unexplainedBytes} = fileBytes + externalBytes − Σ entries, and is 0 when everything is accounted for.
 * {@code externalFileBytes} names the external data files (relative to the model's folder) with their sizes.
 */
public record Ledger(long fileBytes, long externalBytes, List<LedgerEntry> entries, long unexplainedBytes,
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
        return entries.stream().filter(e -> e.category() == c).mapToLong(LedgerEntry::bytes).sum();
    }

    /** Items (tensors, structures) counted by the entries of a category. */
    public long countIn(LedgerCategory c) {
        return entries.stream().filter(e -> e.category() == c).mapToLong(LedgerEntry::count).sum();
    }

    /** Bytes per category, in the categories' order; categories without entries are left out. */
    public Map<LedgerCategory, Long> bytesByCategory() {
        Map<LedgerCategory, Long> by = new TreeMap<>();
        for (LedgerEntry e : entries) {
            by.merge(e.category(), e.bytes(), Long::sum);
        }
        return by;
    }

    /** File plus external bytes: what the ledger partitions. */
    public long totalBytes() { return fileBytes + externalBytes; }
}
