package dev.modelcost.onnx;

import dev.modelcost.core.report.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the reader counts on its way through the file: the structure ledger, external ranges, diagnostics. */
final class ImportTally {
    final StructureLedger structure;
    long functionBytes;
    final Map<String, List<long[]>> externalRanges = new LinkedHashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    ImportTally(ProtoCursor in) { this.structure = new StructureLedger(in); }

    void externalRange(String location, long offset, long length) {
        externalRanges.computeIfAbsent(location, k -> new ArrayList<>()).add(new long[] {offset, length});
    }

    /** Missing external files: location → {tensors, declared bytes}. */
    private final Map<String, long[]> missingExternal = new LinkedHashMap<>();

    void diagnostic(Diagnostic d) { diagnostics.add(d); }

    void missingExternal(String location, long declaredBytes) {
        long[] v = missingExternal.computeIfAbsent(location, k -> new long[2]);
        v[0]++;
        v[1] += Math.max(declaredBytes, 0);
    }

    /** Every diagnostic, with one line per missing external file naming its tensors and declared bytes. */
    List<Diagnostic> diagnostics() {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        missingExternal.forEach((location, v) -> out.add(Diagnostic.warning(String.format(java.util.Locale.ROOT,
                "external data file '%s' is missing: %,d tensor%s declare %,d bytes in it, not in the ledger (their "
                        + "elements are counted from their shapes)", location, v[0], v[0] == 1 ? "" : "s", v[1]))));
        return out;
    }
}
