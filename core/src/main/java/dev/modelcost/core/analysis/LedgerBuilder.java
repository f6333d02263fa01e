package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportedModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Partitions the model's bytes: tensor payloads by category, role and dtype (from each tensor's storage),
 * plus the sections the importer found (framing, graph, config, optimizer state).
 */
public final class LedgerBuilder {
    private LedgerBuilder() { }

    public static Ledger build(ImportedModel model, Collection<Tensor> resolvedTensors) {
        Map<String, long[]> payloads = new TreeMap<>(); // "category|detail" -> {bytes, count}
        for (Tensor t : resolvedTensors) {
            Storage s = t.storage();
            if (s == null || s.encoding() == Storage.Encoding.ABSENT || s.lengthBytes() <= 0) {
                continue;
            }
            LedgerCategory c = t.declaredRole() == TensorRole.CONSTANT ? LedgerCategory.CONSTANTS : LedgerCategory.PARAMETERS;
            String detail = (c == LedgerCategory.PARAMETERS ? t.declaredRole().jsonName() + " " : "")
                    + t.dtype().shortName() + (s.isExternal() ? " in " + s.file() : "");
            long[] acc = payloads.computeIfAbsent(c.ordinal() + "|" + detail, k -> new long[2]);
            acc[0] = Math.addExact(acc[0], s.lengthBytes());
            acc[1]++;
        }
        List<LedgerEntry> entries = new ArrayList<>();
        payloads.forEach((key, v) -> {
            LedgerCategory c = LedgerCategory.values()[Integer.parseInt(key.substring(0, key.indexOf('|')))];
            entries.add(new LedgerEntry(c, key.substring(key.indexOf('|') + 1), v[0], v[1], -1));
        });
        for (FileSection f : model.sections()) {
            entries.add(new LedgerEntry(f.category(), f.detail() + (f.file().isEmpty() ? "" : " in " + f.file()),
                    f.bytes(), f.count(), f.offsetBytes()));
        }
        long external = model.externalFileBytes().values().stream().mapToLong(Long::longValue).sum();
        long explained = entries.stream().mapToLong(LedgerEntry::bytes).sum();
        return new Ledger(model.fileBytes(), external, entries, model.fileBytes() + external - explained);
    }
}
