package dev.modelcost.core.spi;

import dev.modelcost.core.report.LedgerCategory;

/**
 * Bytes of the file (or of one of its external files) that are not a tensor payload, as the importer
 * found them: framing, metadata, configuration, optimizer state. {@code offsetBytes} is -1 where a
 * section is an aggregate of many places.
 */
public record FileSection(
        LedgerCategory category, String detail, String file, long offsetBytes, long bytes, long count) {
    public static FileSection of(LedgerCategory category, String detail, long bytes) {
        return new FileSection(category, detail, "", -1, bytes, 1);
    }
}
