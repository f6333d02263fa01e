package dev.modelcost.core.report;

/** A part of the file's bytes: its category, what it is, how many bytes, how many items, and where (-1: many places). */
public record LedgerEntry(LedgerCategory category, String detail, long bytes, long count, long offsetBytes) {
}
