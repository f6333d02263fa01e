package dev.modelcost.core.report;

import java.util.Map;

/** Which file was read, in which format, how big, and what the file says about itself (producer, versions). */
public record ModelSummary(String format, String path, long fileBytes, Map<String, String> metadata) {
    public ModelSummary {
        metadata = Map.copyOf(metadata);
    }
}
