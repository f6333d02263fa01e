package dev.modelcost.core.report;

import java.util.List;

/**
 * The key/value cache of a decoder graph (past inputs fed back as present outputs). {@code bytesPerToken} is per
 * sample: K and V of every layer for one more token, in the stored element type. {@code totalTokens} is the cache
 * length the report ran with (the present outputs' length: past + new, or a static cache's capacity), null when
 * it is unknown; {@code bytes} = bytesPerToken × batch × totalTokens, null then too.
 */
public record KvCacheSummary(int layers, long bytesPerToken, long batch, Long totalTokens, Long bytes, List<String> pastInputs) {
    public KvCacheSummary {
        pastInputs = List.copyOf(pastInputs);
    }
}
