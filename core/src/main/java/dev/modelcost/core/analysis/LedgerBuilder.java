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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Partitions the model's bytes: tensor payloads by category, role, dtype and encoding (from each tensor's
 * storage), copies of identical tensors as duplicates, plus the sections the importer found (framing, graph,
 * config, optimizer state). Stored and logical bytes are both kept where the encoding makes them differ.
 */
public final class LedgerBuilder {
    private static final int NAMES_SHOWN = 8;

    private LedgerBuilder() {}

    public static Ledger build(ImportedModel model, Collection<Tensor> resolvedTensors) {
        return build(model, resolvedTensors, DuplicateTensors.Result.NONE);
    }

    public static Ledger build(
            ImportedModel model, Collection<Tensor> resolvedTensors, DuplicateTensors.Result duplicates) {
        Map<Tensor, Tensor> originalOf = new IdentityHashMap<>(); // names may repeat across subgraphs
        for (DuplicateTensors.Copy c : duplicates.copies()) {
            originalOf.put(c.copy(), c.original());
        }
        Map<String, long[]> payloads = new TreeMap<>(); // "category|detail" -> {bytes, count, logical bytes}
        Map<String, List<Tensor>> copiesOf = new LinkedHashMap<>();
        Set<String> places = new HashSet<>();
        Map<String, long[]> missing = new TreeMap<>(); // file -> {bytes, count, logical bytes}
        for (Tensor t : resolvedTensors) {
            Storage s = t.storage();
            if (s != null && s.encoding() == Storage.Encoding.ABSENT && s.isExternal()) {
                long[] acc = missing.computeIfAbsent(s.file(), k -> new long[3]);
                acc[0] = Math.addExact(acc[0], s.lengthBytes());
                acc[1]++;
                acc[2] = Math.addExact(acc[2], t.logicalBytes().orElse(s.lengthBytes()));
                continue;
            }
            if (s == null || s.encoding() == Storage.Encoding.ABSENT || s.lengthBytes() <= 0) {
                continue;
            }
            // Tensors that point at the same stored bytes (a TFLite buffer two tensors name, a subgraph that two
            // operators call) are one payload in the file.
            if (s.offsetBytes() >= 0
                    && !places.add(s.file() + "\u0000" + s.offsetBytes() + "\u0000" + s.lengthBytes())) {
                continue;
            }
            Tensor original = originalOf.get(t);
            if (original != null) {
                copiesOf.computeIfAbsent(original.name(), k -> new ArrayList<>())
                        .add(t);
                continue;
            }
            LedgerCategory c = t.declaredRole().isParameter() ? LedgerCategory.PARAMETERS : LedgerCategory.CONSTANTS;
            // buffers (anchor boxes) are constants in the ledger too, named so their bytes can be told apart
            String detail = (t.declaredRole() == TensorRole.CONSTANT
                            ? ""
                            : t.declaredRole().jsonName() + " ")
                    + t.dtype().shortName()
                    + encoding(s)
                    + (s.isExternal() ? " in " + s.file() : "");
            long[] acc = payloads.computeIfAbsent(c.ordinal() + "|" + detail, k -> new long[3]);
            acc[0] = Math.addExact(acc[0], s.lengthBytes());
            acc[1]++;
            acc[2] = Math.addExact(acc[2], t.logicalBytes().orElse(s.lengthBytes()));
        }
        List<LedgerEntry> entries = new ArrayList<>();
        payloads.forEach((key, v) -> {
            LedgerCategory c = LedgerCategory.values()[Integer.parseInt(key.substring(0, key.indexOf('|')))];
            entries.add(new LedgerEntry(c, key.substring(key.indexOf('|') + 1), v[0], v[1], -1, v[2]));
        });
        copiesOf.forEach((original, copies) -> entries.add(duplicateEntry(original, copies)));
        for (FileSection f : model.sections()) {
            entries.add(new LedgerEntry(
                    f.category(),
                    f.detail() + (f.file().isEmpty() ? "" : " in " + f.file()),
                    f.bytes(),
                    f.count(),
                    f.offsetBytes()));
        }
        long external = model.externalFileBytes().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long explained = entries.stream().mapToLong(LedgerEntry::bytes).sum();
        missing.forEach((file, v) ->
                entries.add(new LedgerEntry(LedgerCategory.MISSING_EXTERNAL_DATA, file, v[0], v[1], -1, v[2])));
        return new Ledger(
                model.fileBytes(),
                external,
                entries,
                model.fileBytes() + external - explained,
                model.externalFileBytes());
    }

    private static String encoding(Storage s) {
        return switch (s.encoding()) {
            case TYPED_FIELDS -> ", typed fields";
            case CHUNKED -> ", chunked";
            case COMPRESSED -> ", compressed";
            case BLOCKS -> ", " + s.blocks().name() + " blocks";
            default -> "";
        };
    }

    /** One entry per original: the bytes of its copies, named (the first few) so the user can act on them. */
    private static LedgerEntry duplicateEntry(String original, List<Tensor> copies) {
        Tensor first = copies.get(0);
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Math.min(NAMES_SHOWN, copies.size()); i++) {
            names.append(i == 0 ? "" : ", ")
                    .append('\'')
                    .append(copies.get(i).name())
                    .append('\'');
        }
        if (copies.size() > NAMES_SHOWN) {
            names.append(" and ").append(copies.size() - NAMES_SHOWN).append(" more");
        }
        long bytes = 0;
        long logical = 0;
        for (Tensor t : copies) {
            bytes = Math.addExact(bytes, t.storage().lengthBytes());
            logical = Math.addExact(logical, t.logicalBytes().orElse(t.storage().lengthBytes()));
        }
        String role = first.declaredRole() == TensorRole.CONSTANT
                ? "constant"
                : first.declaredRole().jsonName();
        String detail = names + (copies.size() == 1 ? " repeats '" : " repeat '") + original + "' (" + role + " "
                + first.dtype().shortName() + " " + first.shape() + ", identical bytes)";
        return new LedgerEntry(LedgerCategory.DUPLICATES, detail, bytes, copies.size(), -1, logical);
    }
}
