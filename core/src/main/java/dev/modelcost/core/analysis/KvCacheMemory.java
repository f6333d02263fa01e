package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.report.KvCacheSummary;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;

/**
 * Memory to run a decoder transformer at a context length (the one asked for, else the one it declares) for a batch:
 * the KV cache its shape implies plus the weights as stored (every tensor payload in the ledger, copies included: a
 * runtime loads what is there).
 */
public final class KvCacheMemory {
    private KvCacheMemory() {}

    /**
     * {@code contextTokens} 0: the model's declared context length. {@code inActivations}: the cache is the graph's
     * past/present inputs and outputs, already inside the live activations.
     */
    public static KvCacheSummary of(
            TransformerShape shape, Ledger ledger, long batch, long contextTokens, boolean inActivations) {
        long perToken = shape.kvCacheBytesPerToken();
        long weights = ledger.bytesIn(LedgerCategory.PARAMETERS)
                + ledger.bytesIn(LedgerCategory.CONSTANTS)
                + ledger.bytesIn(LedgerCategory.DUPLICATES);
        long context = contextTokens > 0 ? contextTokens : shape.contextTokens();
        if (context <= 0) {
            return new KvCacheSummary(shape, perToken, 0, batch, 0, -1, weights, -1, inActivations);
        }
        long cached = shape.cachedTokens(context);
        long cache = Math.multiplyExact(Math.multiplyExact(perToken, cached), batch);
        return new KvCacheSummary(
                shape, perToken, context, batch, cached, cache, weights, Math.addExact(weights, cache), inActivations);
    }
}
