package dev.modelcost.importer.keras;

import dev.modelcost.core.spi.FileSection;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The non-payload bytes of an HDF5 file, structure by structure ({@link H5Structures}), checked against what
 * jhdf found: the payload ranges the walker located must add up to the importer's dataset storage, and the
 * walker must meet no structure it does not know. Otherwise {@link #sections} is null and says why, and the
 * caller keeps its coarse split.
 */
final class H5Ledger {
    private final List<FileSection> sections;
    private final List<String> diagnostics = new ArrayList<>();
    private final String fallbackReason;

    private H5Ledger(List<FileSection> sections, String fallbackReason) {
        this.sections = sections;
        this.fallbackReason = fallbackReason;
    }

    static H5Ledger of(
            SeekableByteChannel ch, long start, long length, long datasetBytes, long maxBlockBytes, int maxObjects) {
        IntervalLedger ledger;
        try {
            ledger = new H5Structures(ch, start, length, maxBlockBytes, maxObjects).walk();
        } catch (H5UnsupportedException e) {
            return new H5Ledger(
                    null, "the HDF5 structure walker does not read this file's layout (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            return new H5Ledger(null, "the HDF5 structure walker stopped: " + e.getMessage());
        }
        if (ledger.payloadBytes() != datasetBytes) {
            return new H5Ledger(
                    null,
                    "the HDF5 structure walker located " + ledger.payloadBytes()
                            + " payload bytes where the datasets store " + datasetBytes);
        }
        List<String> overlaps = new ArrayList<>();
        List<FileSection> out = ledger.finish(start, length, overlaps);
        H5Ledger r = new H5Ledger(out, null);
        for (String o : overlaps.subList(0, Math.min(5, overlaps.size()))) {
            r.diagnostics.add("HDF5 structures overlap: " + o);
        }
        if (overlaps.size() > 5) {
            r.diagnostics.add((overlaps.size() - 5) + " more HDF5 structure overlaps");
        }
        return r;
    }

    /** Null when the walk could not be used; see {@link #fallbackReason}. */
    List<FileSection> sections() {
        return sections;
    }

    String fallbackReason() {
        return fallbackReason;
    }

    List<String> diagnostics() {
        return diagnostics;
    }
}
