package dev.modelcost.onnx;

import dev.modelcost.core.report.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the reader counts on its way through the file: the structure ledger, external ranges, diagnostics. */
final class ImportTally {
    final StructureLedger structure;
    long functionBytes;
    final Map<String, List<long[]>> externalRanges = new LinkedHashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    ImportTally(ProtoCursor in) {
        this.structure = new StructureLedger(in);
    }

    void externalRange(String location, long offset, long length) {
        externalRanges.computeIfAbsent(location, k -> new ArrayList<>()).add(new long[] {offset, length});
    }

    /** External data files that do not exist: {tensors, bytes} expected in each. */
    final Map<String, long[]> missingExternal = new LinkedHashMap<>();

    void diagnostic(Diagnostic d) {
        diagnostics.add(d);
    }

    void missingExternal(String location, long bytes) {
        long[] acc = missingExternal.computeIfAbsent(location, k -> new long[2]);
        acc[0]++;
        acc[1] = Math.addExact(acc[1], bytes);
    }

    /** One diagnostic per missing external data file (not one per tensor): its name and the bytes expected in it. */
    void reportMissingExternal() {
        missingExternal.forEach((location, v) -> diagnostics.add(Diagnostic.error(String.format(
                Locale.ROOT,
                "external data file '%s' is missing: %,d tensor%s expect %,d bytes in it; parameters are counted from "
                        + "their shapes, the model cannot run without the file",
                location,
                v[0],
                v[0] == 1 ? "" : "s",
                v[1]))));
    }
}
