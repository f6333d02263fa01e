package dev.modelcost.importer.gguf;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.ImportOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other parts of a split model (llama-gguf-split: {@code name-00001-of-00003.gguf} ...), found beside the first
 * part by the name pattern and read as one model with it. The first part's {@code split.tensors.count} is checked
 * against the tensors of all parts; a missing part is a warning, its tensors not counted.
 */
final class SplitModel {
    private static final Pattern PART = Pattern.compile("(.*-)(\\d{5})(-of-)(\\d{5})(\\.gguf)");
    private static final int MAX_PARTS = 9_999;
    private static final int MAX_TENSORS = 250_000;

    final Map<String, GgufFile> parts = new LinkedHashMap<>();
    final Map<String, ModelSource> sources = new LinkedHashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Part number and count from a file name, or empty when the name is not a split part's. */
    static Optional<int[]> partOf(String fileName) {
        Matcher m = PART.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int no = Integer.parseInt(m.group(2));
        int count = Integer.parseInt(m.group(4));
        return no >= 1 && no <= count && count <= MAX_PARTS ? Optional.of(new int[] {no, count}) : Optional.empty();
    }

    /** Reads parts 2..count beside {@code first} (part 1 of a split whose name matched). */
    static SplitModel readRest(ModelSource first, GgufFile firstFile, ImportOptions options) throws IOException {
        SplitModel s = new SplitModel();
        Matcher m = PART.matcher(first.fileName());
        if (!m.matches()) {
            return s;
        }
        int count = Integer.parseInt(m.group(4));
        long tensors = firstFile.tensors().size();
        for (int k = 2; k <= count; k++) {
            String name = m.group(1) + String.format("%05d", k) + m.group(3) + m.group(4) + m.group(5);
            Optional<ModelSource> part = first.openSibling(name);
            if (part.isEmpty()) {
                s.diagnostics.add(
                        Diagnostic.warning("split part '" + name + "' is missing: its tensors are not counted"));
                continue;
            }
            s.sources.put(name, part.get());
            GgufFile g = GgufReader.read(part.get(), options);
            s.parts.put(name, g);
            tensors += g.tensors().size();
            if (tensors > Math.min(options.maxNodes(), MAX_TENSORS)) {
                throw Problems.malformed(
                        first,
                        "",
                        "the split parts hold more than " + Math.min(options.maxNodes(), MAX_TENSORS) + " tensors");
            }
        }
        if (firstFile.kv().get("split.tensors.count") instanceof Long declared && declared != tensors) {
            s.diagnostics.add(
                    Diagnostic.warning("split.tensors.count says " + declared + " tensors, the parts hold " + tensors));
        }
        return s;
    }
}
