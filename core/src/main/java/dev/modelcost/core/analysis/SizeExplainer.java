package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.SizeExplanation;
import dev.modelcost.core.report.SizeExplanation.Cause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives the causes of the gap between "parameters × 4 bytes" and the bytes on disk from a report's parameter
 * summary and ledger. The bridge is exact: storage dtype (logical − 4 × parameters), stored vs logical encoding
 * (all payload entries − logical parameter and constant bytes), constants (logical), then the other ledger
 * categories as they are; with those definitions the terms telescope to the ledger's total.
 */
public final class SizeExplainer {
    /** The width people multiply by: fp32. */
    public static final int NAIVE_BYTES_PER_PARAMETER = 4;

    private SizeExplainer() {}

    public static SizeExplanation explain(Report r) {
        ParameterSummary p = r.parameters();
        Ledger l = r.ledger();
        long naive = Math.multiplyExact(p.total(), (long) NAIVE_BYTES_PER_PARAMETER);
        long total = l.totalBytes();
        List<Cause> bridge = new ArrayList<>();
        add(bridge, "storage-dtype", "parameters not stored as fp32", p.logicalBytes() - naive, dtypeSentence(p));
        long payloads = l.bytesIn(LedgerCategory.PARAMETERS)
                + l.bytesIn(LedgerCategory.CONSTANTS)
                + l.bytesIn(LedgerCategory.DUPLICATES);
        long missingLogical = l.entries().stream()
                .filter(e -> e.category() == LedgerCategory.MISSING_EXTERNAL_DATA)
                .mapToLong(LedgerEntry::logicalBytes)
                .sum();
        add(bridge, "missing-external-data", "external data missing", -missingLogical, missingSentence(l));
        long inAttributes = p.inAttributesLogicalBytes();
        add(
                bridge,
                "parameters-in-attributes",
                "parameters kept in node attributes",
                -inAttributes,
                "Tree thresholds and leaf weights, coefficients and statistics of classic ML ops are stored as node "
                        + "attributes, not tensors: their bytes are part of the graph and configuration below.");
        add(
                bridge,
                "stored-encoding",
                "payloads stored in a different number of bytes than their values need",
                payloads + missingLogical - (p.logicalBytes() - inAttributes) - p.constantBytes(),
                encodingSentence(l));
        add(
                bridge,
                "constants",
                "constants stored besides the parameters",
                p.constantBytes(),
                String.format(
                        Locale.ROOT,
                        "%,d constant elements (shapes, indices, thresholds, masks) are stored in the file "
                                + "but are not parameters.",
                        p.constantElements()));
        add(
                bridge,
                "optimizer-state",
                "optimizer state saved with the model",
                l.bytesIn(LedgerCategory.OPTIMIZER_STATE),
                "The optimizer's slots (momentum, Adam moments, counters) were saved for resuming training; "
                        + "inference does not need them.");
        add(
                bridge,
                "graph-and-config",
                "graph and configuration",
                l.bytesIn(LedgerCategory.GRAPH_AND_CONFIG),
                "Layer and node definitions, attributes, names, value types, configuration and metadata. "
                        + largest(l, LedgerCategory.GRAPH_AND_CONFIG));
        add(
                bridge,
                "container-overhead",
                "container overhead",
                l.bytesIn(LedgerCategory.CONTAINER_OVERHEAD),
                "What the file format spends on structure. " + largest(l, LedgerCategory.CONTAINER_OVERHEAD));
        add(
                bridge,
                "padding-and-free-space",
                "padding and free space",
                l.bytesIn(LedgerCategory.PADDING_AND_FREE_SPACE),
                "Alignment padding, free space and bytes that no structure references. "
                        + largest(l, LedgerCategory.PADDING_AND_FREE_SPACE));
        add(
                bridge,
                "unexplained",
                "bytes the ledger could not attribute",
                l.unexplainedBytes(),
                "modelcost could not attribute these bytes to any structure; please report the file.");

        List<Cause> notes = new ArrayList<>();
        if (total >= ByteUnits.MB) {
            long asMib = Math.round(total * (double) ByteUnits.MB / ByteUnits.MIB);
            add(
                    notes,
                    "mb-vs-mib",
                    "MB vs MiB",
                    total - asMib,
                    String.format(
                            Locale.ROOT,
                            "The same %,d bytes are %s (decimal, 10^6 bytes) and %s (binary, 2^20 bytes); a size read in one "
                                    + "unit and compared in the other looks 4.6%% off.",
                            total,
                            ByteUnits.mb(total),
                            ByteUnits.mib(total)));
        }
        long biases = p.role(TensorRole.BIAS);
        add(
                notes,
                "biases",
                "biases",
                biases * NAIVE_BYTES_PER_PARAMETER,
                String.format(
                        Locale.ROOT,
                        "%,d of the parameters are biases; hand counts that multiply kernel shapes often leave them out.",
                        biases));
        long stats = p.role(TensorRole.NORM_STATISTIC);
        add(
                notes,
                "norm-statistics",
                "normalisation statistics",
                stats * NAIVE_BYTES_PER_PARAMETER,
                String.format(
                        Locale.ROOT,
                        "%,d of the parameters are BatchNorm running means and variances: stored, but not trained, so counts of "
                                + "trainable parameters leave them out.",
                        stats));
        long dup = l.bytesIn(LedgerCategory.DUPLICATES);
        long copies = l.countIn(LedgerCategory.DUPLICATES);
        add(
                notes,
                "duplicates",
                "duplicated tensors",
                dup,
                String.format(
                        Locale.ROOT,
                        "%,d stored tensors repeat another tensor byte for byte; they are in the counts above, and storing each "
                                + "once would save these bytes.",
                        copies));
        add(
                notes,
                "external-data",
                "external data files",
                l.externalBytes(),
                String.format(
                        Locale.ROOT,
                        "These bytes are in data files beside the model (%s); the model file alone is %,d bytes.",
                        String.join(", ", new TreeMap<>(l.externalFileBytes()).keySet()),
                        l.fileBytes()));
        return new SizeExplanation(
                r.model().path(),
                p.total(),
                NAIVE_BYTES_PER_PARAMETER,
                naive,
                l.fileBytes(),
                l.externalBytes(),
                total,
                total - naive,
                bridge,
                notes);
    }

    private static void add(List<Cause> out, String id, String title, long bytes, String sentence) {
        if (bytes != 0) {
            out.add(new Cause(id, title, bytes, sentence));
        }
    }

    private static String dtypeSentence(ParameterSummary p) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<DType, Long> e : new TreeMap<>(p.elementsByDType()).entrySet()) {
            if (e.getKey() != DType.FLOAT32 && e.getValue() > 0) {
                parts.add(String.format(
                        Locale.ROOT,
                        "%,d parameters as %s (%s bytes each)",
                        e.getValue(),
                        e.getKey().shortName(),
                        e.getKey().bits() % 8 == 0
                                ? Integer.toString(e.getKey().bits() / 8)
                                : e.getKey().bits() + "/8"));
            }
        }
        return "The file stores "
                + (parts.isEmpty() ? "parameters in widths other than 4 bytes" : String.join(", ", parts))
                + " instead of 4 bytes each.";
    }

    private static String missingSentence(Ledger l) {
        List<String> parts = new ArrayList<>();
        for (LedgerEntry e : l.entries()) {
            if (e.category() == LedgerCategory.MISSING_EXTERNAL_DATA) {
                parts.add(String.format(
                        Locale.ROOT,
                        "'%s' (%,d bytes of %,d tensor%s)",
                        e.detail(),
                        e.bytes(),
                        e.count(),
                        e.count() == 1 ? "" : "s"));
            }
        }
        return "The model keeps payloads in " + String.join(", ", parts) + " beside it, and "
                + (parts.size() == 1 ? "that file is" : "those files are")
                + " missing: the parameters are counted from "
                + "their declared shapes, but their bytes are not on disk and the model cannot run without them.";
    }

    private static String encodingSentence(Ledger l) {
        List<String> parts = new ArrayList<>();
        for (LedgerEntry e : l.entries()) {
            if (e.storedDiffersFromLogical() && e.category() != LedgerCategory.MISSING_EXTERNAL_DATA) {
                parts.add(String.format(
                        Locale.ROOT,
                        "%s: %,d bytes stored for %,d bytes of values",
                        e.detail(),
                        e.bytes(),
                        e.logicalBytes()));
            }
        }
        return "The stored encoding differs from packed values (ONNX typed fields are varints, containers may compress, "
                + "quantized weights are packed in blocks)"
                + (parts.isEmpty() ? "." : ": " + String.join("; ", parts) + ".");
    }

    /** The three largest entries of a category, by detail, as a sentence. */
    private static String largest(Ledger l, LedgerCategory c) {
        List<LedgerEntry> in = new ArrayList<>(
                l.entries().stream().filter(e -> e.category() == c).toList());
        in.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(3, in.size()); i++) {
            parts.add(String.format(
                    Locale.ROOT, "%s (%,d bytes)", in.get(i).detail(), in.get(i).bytes()));
        }
        String more = in.size() > 3 ? "; " + (in.size() - 3) + " smaller parts" : "";
        return (in.size() == 1 ? "It is: " : "Largest parts: ") + String.join("; ", parts) + more + ".";
    }
}
