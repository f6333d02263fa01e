package dev.modelcost.core.report;

import java.util.List;

/**
 * The partition of the model's bytes (file plus external data files) into categories.
 * {@code unexplainedBytes} = fileBytes + externalBytes − Σ entries, and is 0 when everything is accounted for.
 */
public record Ledger(long fileBytes, long externalBytes, List<LedgerEntry> entries, long unexplainedBytes) {
    public Ledger {
        entries = List.copyOf(entries);
    }

    public long bytesIn(LedgerCategory c) {
        return entries.stream().filter(e -> e.category() == c).mapToLong(LedgerEntry::bytes).sum();
    }
}
