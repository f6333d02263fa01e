package dev.modelcost.importer.dl4j;

import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;

import java.util.ArrayList;
import java.util.List;

/**
 * The byte regions of a DL4J zip that are not tensor payloads, so that they and the tensors' stored bytes
 * partition the file exactly. Deflated parameters cannot be split between tensors (their tensors carry
 * no stored bytes); the whole deflated coefficients.bin is one parameters section instead.
 */
final class ZipLedger {
    private ZipLedger() {}

    static List<FileSection> sections(
            ZipArchive zip, Nd4jHeader coefficients, Nd4jHeader updater, boolean rawPayload, long parameterTensors) {
        List<FileSection> out = new ArrayList<>();
        long localHeaders = 0;
        long descriptors = 0;
        long descriptorCount = 0;
        long cursor = 0;
        List<ZipArchive.Entry> entries = zip.byOffset();
        for (int i = 0; i < entries.size(); i++) {
            ZipArchive.Entry e = entries.get(i);
            if (e.localHeaderOffset() > cursor) {
                out.add(new FileSection(
                        LedgerCategory.PADDING_AND_FREE_SPACE,
                        "bytes outside any zip entry",
                        "",
                        cursor,
                        e.localHeaderOffset() - cursor,
                        1));
            }
            localHeaders += e.localHeaderBytes();
            out.add(data(e, coefficients, updater, rawPayload, parameterTensors));
            long next = i + 1 < entries.size() ? entries.get(i + 1).localHeaderOffset() : zip.centralDirectoryOffset();
            long gap = next - e.dataEnd();
            long descriptor = !e.hasDataDescriptor() ? 0 : descriptorBytes(gap);
            descriptors += descriptor;
            descriptorCount += descriptor > 0 ? 1 : 0;
            if (gap - descriptor > 0) {
                out.add(new FileSection(
                        LedgerCategory.PADDING_AND_FREE_SPACE,
                        "bytes after zip entry " + e.name(),
                        "",
                        e.dataEnd() + descriptor,
                        gap - descriptor,
                        1));
            }
            cursor = next;
        }
        if (entries.isEmpty() && zip.centralDirectoryOffset() > 0) {
            out.add(new FileSection(
                    LedgerCategory.PADDING_AND_FREE_SPACE,
                    "bytes outside any zip entry",
                    "",
                    0,
                    zip.centralDirectoryOffset(),
                    1));
        }
        out.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD, "zip local file headers", "", -1, localHeaders, entries.size()));
        if (descriptors > 0) {
            out.add(new FileSection(
                    LedgerCategory.CONTAINER_OVERHEAD, "zip data descriptors", "", -1, descriptors, descriptorCount));
        }
        out.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "zip central directory",
                "",
                zip.centralDirectoryOffset(),
                zip.centralDirectoryBytes(),
                entries.size()));
        out.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                zip.zip64()
                        ? "zip64 end record, zip64 locator and end of central directory record"
                        : "zip end of central directory record",
                "",
                zip.endRecordsOffset(),
                zip.sizeBytes() - zip.endRecordsOffset(),
                zip.zip64() ? 3 : 1));
        return out;
    }

    /** A data descriptor is 12 or 16 bytes (optional signature), 20 or 24 with zip64 sizes; what is left over is a gap. */
    private static long descriptorBytes(long gap) {
        if (gap == 12 || gap == 16 || gap == 20 || gap == 24) {
            return gap;
        }
        return gap > 16 ? 16 : gap >= 12 ? 12 : 0;
    }

    private static FileSection data(
            ZipArchive.Entry e,
            Nd4jHeader coefficients,
            Nd4jHeader updater,
            boolean rawPayload,
            long parameterTensors) {
        String how = e.deflated() ? "deflated" : e.stored() ? "stored" : "method " + e.method();
        long n = e.compressedBytes();
        switch (e.name()) {
            case Dl4jImporter.CONFIGURATION:
                return new FileSection(
                        LedgerCategory.GRAPH_AND_CONFIG,
                        e.name() + " (" + how + ", " + e.uncompressedBytes() + " bytes of JSON)",
                        "",
                        e.dataOffset(),
                        n,
                        1);
            case Dl4jImporter.COEFFICIENTS:
                if (rawPayload) {
                    long payload = coefficients.length() * coefficients.elementBytes();
                    return new FileSection(
                            LedgerCategory.CONTAINER_OVERHEAD,
                            e.name() + " ND4J header",
                            "",
                            e.dataOffset(),
                            n - payload,
                            1);
                }
                String logical = coefficients == null
                        ? ""
                        : ", " + coefficients.length() * coefficients.elementBytes() + " logical bytes of "
                                + coefficients.length() + " " + coefficients.dataType();
                // One compressed stream holding every parameter tensor: counted as that many items.
                return new FileSection(
                        LedgerCategory.PARAMETERS,
                        e.name() + " (" + how + logical + ")",
                        "",
                        e.dataOffset(),
                        n,
                        Math.max(1, parameterTensors));
            case Dl4jImporter.UPDATER:
                String state = updater == null ? "" : ", " + updater.length() + " " + updater.dataType() + " values";
                return new FileSection(
                        LedgerCategory.OPTIMIZER_STATE, e.name() + " (" + how + state + ")", "", e.dataOffset(), n, 1);
            default:
                return new FileSection(
                        LedgerCategory.GRAPH_AND_CONFIG, e.name() + " (" + how + ")", "", e.dataOffset(), n, 1);
        }
    }
}
