package dev.modelcost.importer.tflite;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The file's bytes that are not tensor payloads: metadata buffers, buffers no tensor uses, the flatbuffer's own
 * tables, and what follows the flatbuffer (an appended zip of associated files, padding). Tensor payloads are
 * counted by the ledger from the tensors' storage; together they add up to the file's size.
 */
final class TfliteLedger {
    private TfliteLedger() {}

    static List<FileSection> sections(
            TfliteModel model, Set<Long> tensorBuffers, long flatbufferEndBytes, ModelSource source)
            throws IOException {
        List<FileSection> out = new ArrayList<>();
        long inlineBytes = 0;
        long afterBytes = 0;
        Set<Long> metadataBuffers = new HashSet<>();
        for (TfliteModel.Metadata m : model.metadata()) {
            if (m.buffer() < model.buffers().size() && metadataBuffers.add(m.buffer())) {
                TfliteModel.Buffer b = model.buffers().get((int) m.buffer());
                if (!b.isEmpty()) {
                    out.add(new FileSection(
                            LedgerCategory.GRAPH_AND_CONFIG,
                            "metadata '" + m.name() + "' (buffer " + m.buffer() + ")",
                            "",
                            b.offsetBytes(),
                            b.lengthBytes(),
                            1));
                }
            }
        }
        long unusedBytes = 0;
        long unusedCount = 0;
        for (int i = 0; i < model.buffers().size(); i++) {
            TfliteModel.Buffer b = model.buffers().get(i);
            if (b.afterFlatbuffer()) {
                afterBytes += b.lengthBytes();
            } else {
                inlineBytes += b.lengthBytes();
            }
            if (!b.isEmpty() && !tensorBuffers.contains((long) i) && !metadataBuffers.contains((long) i)) {
                unusedBytes += b.lengthBytes();
                unusedCount++;
            }
        }
        if (unusedCount > 0) {
            out.add(new FileSection(
                    LedgerCategory.CONSTANTS,
                    "buffers no tensor or metadata entry uses",
                    "",
                    -1,
                    unusedBytes,
                    unusedCount));
        }
        out.add(new FileSection(
                LedgerCategory.GRAPH_AND_CONFIG,
                "flatbuffer tables: subgraphs, tensors, operators, quantization, names, vtables",
                "",
                0,
                Math.max(0, flatbufferEndBytes - inlineBytes),
                1));
        long tailBytes = source.sizeBytes() - flatbufferEndBytes - afterBytes;
        if (tailBytes > 0) {
            boolean zip = afterBytes == 0 && startsWithZip(source, flatbufferEndBytes, tailBytes);
            out.add(
                    zip
                            ? new FileSection(
                                    LedgerCategory.GRAPH_AND_CONFIG,
                                    "zip of associated files appended after the flatbuffer (labels, vocabularies)",
                                    "",
                                    flatbufferEndBytes,
                                    tailBytes,
                                    1)
                            : new FileSection(
                                    LedgerCategory.PADDING_AND_FREE_SPACE,
                                    afterBytes > 0
                                            ? "alignment between the flatbuffer and the buffers stored after it"
                                            : "bytes after the flatbuffer's last structure",
                                    "",
                                    flatbufferEndBytes,
                                    tailBytes,
                                    1));
        }
        return out;
    }

    /** A zip's local header within the first bytes of the tail (writers align the appended archive). */
    private static boolean startsWithZip(ModelSource source, long at, long tailBytes) throws IOException {
        byte[] head = source.readBytes(at, (int) Math.min(64, tailBytes));
        for (int i = 0; i + 4 <= head.length; i++) {
            if (head[i] == 'P' && head[i + 1] == 'K' && head[i + 2] == 3 && head[i + 3] == 4) {
                return true;
            }
        }
        return false;
    }
}
