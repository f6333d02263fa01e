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

    void diagnostic(Diagnostic d) { diagnostics.add(d); }
}
