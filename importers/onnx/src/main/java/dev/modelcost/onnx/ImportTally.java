package dev.modelcost.onnx;

import dev.modelcost.core.report.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the reader counts on its way through the file: tensor framing, external ranges, diagnostics. */
final class ImportTally {
    long tensorMessages;
    long tensorMessageBytes;
    long inlinePayloadBytes;
    long functionBytes;
    final Map<String, List<long[]>> externalRanges = new LinkedHashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    void tensorMessage(long messageBytes, long inlinePayload) {
        tensorMessages++;
        tensorMessageBytes += messageBytes;
        inlinePayloadBytes += inlinePayload;
    }

    void externalRange(String location, long offset, long length) {
        externalRanges.computeIfAbsent(location, k -> new ArrayList<>()).add(new long[] {offset, length});
    }

    void diagnostic(Diagnostic d) { diagnostics.add(d); }
}
