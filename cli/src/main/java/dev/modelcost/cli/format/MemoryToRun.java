package dev.modelcost.cli.format;

import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.KvCacheSummary;
import dev.modelcost.core.report.Report;

import java.util.Locale;

/** The words of the memory-to-run line that every format prints beside the training figure. */
final class MemoryToRun {
    private MemoryToRun() {}

    /**
     * "Memory to run: 631.4 MB = 602.1 MiB for batch 1 (parameters 553.4 MB as stored + peak live activations ...)",
     * with the KV cache as its own term, or named as inside the activations where the graph holds it.
     */
    static String sentence(Report r) {
        return String.format(
                Locale.ROOT,
                "Memory to run: %s%,d bytes = %s for batch %,d (%s %,d bytes as stored + peak live activations%s %s%,d "
                        + "bytes%s)%s",
                r.memoryToRunComplete() ? "" : ">= ",
                r.memoryToRunBytes(),
                ByteUnits.both(r.memoryToRunBytes()),
                r.activations().batch(),
                weightsWord(r),
                r.memoryToRunWeightsBytes(),
                runtimeWord(r),
                r.activations().complete() ? "" : ">= ",
                r.memoryToRunActivationBytes(),
                kvCacheTerm(r.kvCache()),
                r.memoryToRunComplete() ? "" : " (lower bound: some shapes unknown)");
    }

    /** The figure alone, for table cells: "631,400,000 bytes (631.4 MB = 602.1 MiB)", with "≥ " when a lower bound. */
    static String cell(Report r) {
        return (r.memoryToRunComplete() ? "" : "≥ ")
                + String.format(
                        Locale.ROOT, "%,d bytes (%s)", r.memoryToRunBytes(), ByteUnits.both(r.memoryToRunBytes()));
    }

    /** What the figure adds up, for the tables' definition column. */
    static String definition(Report r) {
        KvCacheSummary k = r.kvCache();
        String base = weightsWord(r) + " as stored + peak live activations" + runtimeWord(r) + " for the batch";
        if (k == null) {
            return base;
        }
        return k.inActivations()
                ? base + ", which hold the KV cache (the graph's past/present inputs and outputs, counted once)"
                : base + " + KV cache for the batch" + (k.cacheBytes() >= 0 ? "" : " (unknown: no context length)");
    }

    /** " (onnxruntime profile)" under a runtime profile, else nothing. */
    private static String runtimeWord(Report r) {
        return r.activations().runtime() == null
                ? ""
                : " (" + r.activations().runtime().runtime() + " profile)";
    }

    /** "weights" (every tensor payload) where the files declare a transformer, else "parameters". */
    private static String weightsWord(Report r) {
        return r.kvCache() != null && !r.kvCache().inActivations() ? "weights" : "parameters";
    }

    private static String kvCacheTerm(KvCacheSummary k) {
        if (k == null) {
            return "";
        }
        if (k.inActivations()) {
            return ", which hold the KV cache: the graph's past/present inputs and outputs, counted once";
        }
        return k.cacheBytes() >= 0
                ? String.format(Locale.ROOT, " + KV cache %,d bytes", k.cacheBytes())
                : " + KV cache unknown (no context length declared: --context N)";
    }
}
