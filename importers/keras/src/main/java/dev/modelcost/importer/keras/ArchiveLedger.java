package dev.modelcost.importer.keras;

import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;

import java.util.List;

/**
 * The zip structures of a .keras archive, so that they and the entries' data partition the file: each entry's
 * local header (30 bytes + name + extra field), its data descriptor where flag bit 3 says one follows the data,
 * the central directory and the end records (zip64 record and locator included). Bytes between them that no
 * structure claims are free space. Entry data is booked by the caller (configuration, weights ledger).
 */
final class ArchiveLedger {
    private ArchiveLedger() {}

    /** Sections of the zip structures; two structures claiming one byte are added to {@code overlaps}. */
    static List<FileSection> sections(ZipArchive zip, List<String> overlaps) {
        long fileBytes = zip.sizeBytes();
        IntervalLedger ledger = new IntervalLedger("zip");
        List<ZipArchive.Entry> entries = zip.byOffset();
        for (int i = 0; i < entries.size(); i++) {
            ZipArchive.Entry e = entries.get(i);
            ledger.add(
                    LedgerCategory.CONTAINER_OVERHEAD,
                    "zip local file headers (with names and extra fields)",
                    e.localHeaderOffset(),
                    e.localHeaderBytes());
            ledger.payload(e.dataOffset(), e.compressedBytes());
            long dataEnd = e.dataOffset() + e.compressedBytes();
            long next = i + 1 < entries.size() ? entries.get(i + 1).localHeaderOffset() : zip.centralDirectoryOffset();
            if (e.hasDataDescriptor()) {
                ledger.add(
                        LedgerCategory.CONTAINER_OVERHEAD,
                        "zip data descriptors",
                        dataEnd,
                        descriptorBytes(next - dataEnd));
            }
        }
        ledger.add(
                LedgerCategory.CONTAINER_OVERHEAD,
                "zip central directory",
                zip.centralDirectoryOffset(),
                zip.centralDirectoryBytes());
        ledger.add(
                LedgerCategory.CONTAINER_OVERHEAD,
                zip.zip64()
                        ? "zip64 end record, zip64 locator and end of central directory record"
                        : "zip end of central directory record",
                zip.endRecordsOffset(),
                fileBytes - zip.endRecordsOffset());
        return ledger.finish(0, fileBytes, overlaps);
    }

    /** 12 or 16 bytes (the signature is optional), 20 or 24 with zip64 sizes; more than that is a gap. */
    private static long descriptorBytes(long gap) {
        if (gap == 12 || gap == 16 || gap == 20 || gap == 24) {
            return gap;
        }
        return gap > 16 ? 16 : gap >= 12 ? 12 : 0;
    }
}
