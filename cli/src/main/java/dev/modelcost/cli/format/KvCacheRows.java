package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.KvCacheSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A decoder's KV cache as rows {what, value, units, note} for the text line and the table formats (Markdown, HTML):
 * its shape, the bytes per token, the tokens cached and the bytes for the batch, and where memory to run counts it.
 */
final class KvCacheRows {
    /** One row: what it is, its value, the value in MB = MiB (or ""), and what it is made of. */
    record Row(String what, String value, String units, String note) {}

    private KvCacheRows() {}

    /** Where the cache is counted in memory to run: a term of its own, or inside the live activations. */
    static String whereCounted(KvCacheSummary k) {
        return k.inActivations()
                ? "held in the graph's past/present inputs and outputs, so inside the peak live activations"
                        + " (counted there once)"
                : "a term of memory to run beside the weights and the live activations";
    }

    static List<Row> of(KvCacheSummary k) {
        TransformerShape s = k.shape();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                "Layers x KV heads x head size",
                String.format(Locale.ROOT, "%,d x %,d x %,d", s.layers(), s.kvHeads(), s.headDim()),
                s.cacheDType().shortName(),
                "from " + s.declaredBy()));
        rows.add(new Row(
                "Bytes per token",
                n(k.bytesPerToken()),
                ByteUnits.both(k.bytesPerToken()),
                "2 (keys and values) x layers x KV heads x head size x element bytes"));
        if (!k.contextKnown()) {
            rows.add(new Row(
                    "Tokens cached",
                    "unknown",
                    "",
                    "no context length declared: --context N (or --dim for the graph's sequence symbols) gives one"));
            return rows;
        }
        rows.add(new Row(
                "Tokens cached",
                n(k.cachedTokens()),
                "",
                k.cachedTokens() < k.contextTokens()
                        ? String.format(Locale.ROOT, "the sliding window of a %,d-token context", k.contextTokens())
                        : k.inActivations() ? "the present outputs' length after this step" : "the context length"));
        rows.add(new Row(
                "Cache for the batch",
                n(k.cacheBytes()),
                ByteUnits.both(k.cacheBytes()),
                String.format(
                        Locale.ROOT,
                        "bytes per token x %,d tokens x batch %,d; %s",
                        k.cachedTokens(),
                        k.batch(),
                        whereCounted(k))));
        return rows;
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
