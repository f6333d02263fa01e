package dev.modelcost.core.report;

/**
 * A part of the file's bytes: its category, what it is, how many bytes, how many items, and where (-1: many places).
 * {@code logicalBytes} is what the same values take packed at their element width; it differs from {@code bytes}
 * where the storage encodes them otherwise (ONNX typed fields as varints, compression).
 */
public record LedgerEntry(
        LedgerCategory category, String detail, long bytes, long count, long offsetBytes, long logicalBytes) {

    /** An entry whose stored bytes are its logical bytes. */
    public LedgerEntry(LedgerCategory category, String detail, long bytes, long count, long offsetBytes) {
        this(category, detail, bytes, count, offsetBytes, bytes);
    }

    public boolean storedDiffersFromLogical() {
        return logicalBytes != bytes;
    }
}
