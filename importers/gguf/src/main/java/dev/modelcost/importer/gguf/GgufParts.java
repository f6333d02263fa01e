package dev.modelcost.importer.gguf;

import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorNameRoles;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The IR tensors and ledger sections of one GGUF file (the model file, or one part of a split model). Quantized
 * tensors keep their logical shape and store whole blocks; roles come from the names (TensorNameRoles). The
 * sections partition the file with the payloads: header, model key/values, tokenizer key/values, tensor infos, and
 * the padding that aligns the data section and each tensor.
 */
final class GgufParts {
    private GgufParts() {}

    /** {@code file} is "" for the model file, else the part's name. */
    static void addTensors(List<Tensor> out, String file, GgufFile g) {
        for (GgufTensorInfo t : g.tensors()) {
            long at = g.dataStartBytes() + t.offsetBytes();
            Storage s = t.type().isQuantized()
                    ? Storage.blocks(file, at, t.bytes(), t.type().blocks())
                    : new Storage(file, at, t.bytes(), Storage.Encoding.RAW);
            out.add(new Tensor(
                    t.name(),
                    t.type().dtype(),
                    Shape.of(t.rowMajorShape()),
                    TensorNameRoles.roleOf(t.name(), t.type().dtype()),
                    null,
                    s,
                    null));
        }
    }

    static void addSections(List<FileSection> out, String file, GgufFile g, long fileBytes) {
        out.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "GGUF header (magic, version v" + g.version() + ", counts)",
                file,
                0,
                g.headerEndBytes(),
                1));
        long modelKv = g.kvEndBytes() - g.headerEndBytes() - g.tokenizerKvBytes();
        add(
                out,
                LedgerCategory.GRAPH_AND_CONFIG,
                "GGUF key/values: architecture, hyperparameters, general.* (" + (g.kv().size() - tokenizerKeys(g))
                        + " keys)",
                file,
                g.headerEndBytes(),
                modelKv);
        add(
                out,
                LedgerCategory.GRAPH_AND_CONFIG,
                "GGUF tokenizer key/values: vocabulary, scores, merges (" + tokenizerKeys(g) + " keys)",
                file,
                -1,
                g.tokenizerKvBytes());
        add(
                out,
                LedgerCategory.CONTAINER_OVERHEAD,
                "GGUF tensor infos: names, dims, types, offsets of "
                        + g.tensors().size() + " tensors",
                file,
                g.kvEndBytes(),
                g.infosEndBytes() - g.kvEndBytes());
        if (g.dataStartBytes() < 0) {
            add(
                    out,
                    LedgerCategory.PADDING_AND_FREE_SPACE,
                    "bytes after the tensor infos",
                    file,
                    g.infosEndBytes(),
                    fileBytes - g.infosEndBytes());
            return;
        }
        add(
                out,
                LedgerCategory.PADDING_AND_FREE_SPACE,
                "padding to the data section's alignment of " + g.alignment(),
                file,
                g.infosEndBytes(),
                g.dataStartBytes() - g.infosEndBytes());
        List<GgufTensorInfo> byOffset = new ArrayList<>(g.tensors());
        byOffset.sort(Comparator.comparingLong(GgufTensorInfo::offsetBytes));
        long end = 0;
        long gaps = 0;
        for (GgufTensorInfo t : byOffset) {
            if (t.bytes() > 0) {
                gaps += t.offsetBytes() - end;
                end = t.offsetBytes() + t.bytes();
            }
        }
        add(
                out,
                LedgerCategory.PADDING_AND_FREE_SPACE,
                "padding between tensors (alignment " + g.alignment() + ")",
                file,
                -1,
                gaps);
        add(
                out,
                LedgerCategory.PADDING_AND_FREE_SPACE,
                "bytes after the last tensor",
                file,
                g.dataStartBytes() + end,
                fileBytes - g.dataStartBytes() - end);
    }

    private static long tokenizerKeys(GgufFile g) {
        return g.kv().keySet().stream().filter(k -> k.startsWith("tokenizer.")).count();
    }

    private static void add(List<FileSection> out, LedgerCategory c, String detail, String file, long at, long bytes) {
        if (bytes > 0) {
            out.add(new FileSection(c, detail, file, at, bytes, 1));
        }
    }
}
