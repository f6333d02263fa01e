package dev.modelcost.cli.format;

import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.Report;

import java.util.Locale;

/** The words of the memory-to-run line that every format prints beside the training figure. */
final class MemoryToRun {
    private MemoryToRun() {}

    /** "Memory to run: 631.4 MB = 602.1 MiB for batch 1 (parameters 553.4 MB as stored + peak live activations ...)". */
    static String sentence(Report r) {
        return String.format(
                Locale.ROOT,
                "Memory to run: %s%,d bytes = %s for batch %,d (parameters %,d bytes as stored "
                        + "+ peak live activations %,d bytes%s)%s",
                r.memoryToRunComplete() ? "" : ">= ",
                r.memoryToRunBytes(),
                ByteUnits.both(r.memoryToRunBytes()),
                r.activations().batch(),
                r.parameters().storedBytes(),
                r.activations().peakLiveBytes(),
                r.kvCache() == null || r.kvCache().cacheBytes() < 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " + KV cache %,d bytes",
                                r.kvCache().cacheBytes()),
                r.memoryToRunComplete() ? "" : " (lower bound: some shapes unknown)");
    }

    /** The figure alone, for table cells: "631,400,000 bytes (631.4 MB = 602.1 MiB)", with "≥ " when a lower bound. */
    static String cell(Report r) {
        return (r.memoryToRunComplete() ? "" : "≥ ")
                + String.format(
                        Locale.ROOT, "%,d bytes (%s)", r.memoryToRunBytes(), ByteUnits.both(r.memoryToRunBytes()));
    }
}
