package dev.modelcost.core.report;

import java.util.Map;

/**
 * Which file was read, in which format, how big, and what the file says about itself (producer, versions).
 * {@code fetch} is what reading it from a server cost, or null for a local file.
 */
public record ModelSummary(
        String format, String path, long fileBytes, Map<String, String> metadata, FetchSummary fetch) {
    public ModelSummary {
        metadata = Map.copyOf(metadata);
    }

    /** A local file's summary (nothing fetched). */
    public ModelSummary(String format, String path, long fileBytes, Map<String, String> metadata) {
        this(format, path, fileBytes, metadata, null);
    }
}
