package dev.modelcost.core.report;

import java.util.List;

/**
 * Why a model file is not "parameters × 4 bytes": the naive figure, the bytes on disk, and the causes of the gap.
 * The {@code bridge} causes add up exactly: {@code naiveBytes + Σ bridge.bytes = totalBytes}. The {@code notes}
 * are facts behind common miscounts (MB vs MiB, biases, normalisation statistics, duplicated tensors, external
 * files) whose bytes are already inside the figures above; they are listed only where they apply.
 */
public record SizeExplanation(
        String path,
        long parameters,
        int naiveBytesPerParameter,
        long naiveBytes,
        long fileBytes,
        long externalBytes,
        long totalBytes,
        long gapBytes,
        List<Cause> bridge,
        List<Cause> notes) {

    /** One cause: a stable id for JSON, a short title, its bytes (negative where it makes the file smaller), a sentence. */
    public record Cause(String id, String title, long bytes, String explanation) {}

    public SizeExplanation {
        bridge = List.copyOf(bridge);
        notes = List.copyOf(notes);
    }
}
