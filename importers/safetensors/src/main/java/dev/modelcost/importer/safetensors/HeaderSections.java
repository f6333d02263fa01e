package dev.modelcost.importer.safetensors;

import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;

import java.util.List;

/**
 * The ledger's view of one safetensors file besides its payloads: the length prefix and the JSON header are the
 * container's structure (the header is the tensor directory, with {@code __metadata__} inside it), the spaces that
 * pad the header and the data-section bytes that no tensor covers are padding. With the payloads these partition the
 * file exactly.
 */
final class HeaderSections {
    private HeaderSections() {}

    /** {@code file} is "" for the model file, else the shard's name. */
    static void addTo(List<FileSection> out, String file, SafetensorsHeader h) {
        out.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "safetensors header length",
                file,
                0,
                SafetensorsHeader.LENGTH_PREFIX_BYTES,
                1));
        String metadata = h.metadata().isEmpty()
                ? ""
                : " and __metadata__ (" + h.metadata().size() + " keys)";
        out.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "safetensors JSON header: names, dtypes, shapes and " + "offsets of "
                        + h.tensors().size() + " tensors" + metadata,
                file,
                SafetensorsHeader.LENGTH_PREFIX_BYTES,
                h.headerBytes() - h.paddingBytes(),
                1));
        if (h.paddingBytes() > 0) {
            out.add(new FileSection(
                    LedgerCategory.PADDING_AND_FREE_SPACE,
                    "spaces padding the JSON header",
                    file,
                    h.dataStartBytes() - h.paddingBytes(),
                    h.paddingBytes(),
                    1));
        }
        if (h.gapBytes() > 0) {
            out.add(new FileSection(
                    LedgerCategory.PADDING_AND_FREE_SPACE,
                    "data-section bytes between tensors that no " + "tensor covers",
                    file,
                    -1,
                    h.gapBytes(),
                    1));
        }
        if (h.trailingBytes() > 0) {
            out.add(new FileSection(
                    LedgerCategory.PADDING_AND_FREE_SPACE,
                    "bytes after the last tensor",
                    file,
                    h.dataStartBytes() + h.dataBytes() - h.trailingBytes(),
                    h.trailingBytes(),
                    1));
        }
    }
}
