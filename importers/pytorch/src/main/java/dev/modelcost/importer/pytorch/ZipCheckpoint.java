package dev.modelcost.importer.pytorch;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.UnsupportedModelException;
import dev.modelcost.importer.pytorch.pickle.PickleException;
import dev.modelcost.importer.pytorch.pickle.PickleInput;
import dev.modelcost.importer.pytorch.pickle.PickleMachine;
import dev.modelcost.importer.pytorch.pickle.PickleValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zip layout of torch ≥ 1.6, read through core's zip reader: {@code <archive>/data.pkl} (the object tree),
 * {@code <archive>/data/<key>} (one stored entry per storage, never read), and small records (version, byteorder,
 * serialization id). The pickle is read in place when stored, as torch writes it.
 */
final class ZipCheckpoint {
    private ZipCheckpoint() {}

    static LayoutRead read(ModelSource source, ImportOptions options) throws IOException {
        ZipArchive zip = ZipArchive.read(source);
        ZipArchive.Entry pickle = null;
        for (ZipArchive.Entry e : zip.entries()) {
            if (e.name().equals("data.pkl")
                    || e.name().endsWith("/data.pkl")
                            && e.name().indexOf('/') == e.name().length() - 9) {
                pickle = e;
                break;
            }
        }
        if (pickle == null) {
            throw new UnsupportedModelException(
                    (String) null, "", "a zip without <archive>/data.pkl: not a torch.save file");
        }
        if (!pickle.stored()) {
            throw new UnsupportedModelException(
                    (String) null, pickle.name(), "a compressed data.pkl (torch stores it)");
        }
        String prefix = pickle.name().substring(0, pickle.name().length() - "data.pkl".length());
        PickleMachine machine = new PickleMachine(
                new PickleInput(source, pickle.dataOffset(), pickle.dataEnd()), PytorchImporter.maxPickleOps(options));
        PickleValue root = machine.load();

        Map<String, ZipArchive.Entry> byName = new HashMap<>();
        zip.entries().forEach(e -> byName.putIfAbsent(e.name(), e));
        Map<String, StoredStorage> storages = new LinkedHashMap<>();
        for (TensorWalk.Found f : TensorWalk.of(root).found()) {
            PickleValue.Storage s = f.tensor().storage();
            if (storages.containsKey(s.key())) {
                continue;
            }
            ZipArchive.Entry e = byName.get(prefix + "data/" + s.key());
            if (e == null) {
                throw new PickleException("storage '" + s.key() + "' has no entry " + prefix + "data/" + s.key());
            }
            if (!e.stored()) {
                throw new UnsupportedModelException(
                        (String) null, e.name(), "a compressed storage entry (torch stores them)");
            }
            long bytes = Math.multiplyExact(s.elements(), (long) StorageTypes.itemBytes(s.typeName()));
            if (bytes > e.compressedBytes()) {
                throw new PickleException("storage '" + s.key() + "' declares " + s.elements() + " elements (" + bytes
                        + " bytes) but its entry holds " + e.compressedBytes());
            }
            storages.put(
                    s.key(),
                    new StoredStorage(s.key(), s.typeName(), s.elements(), e.dataOffset(), e.compressedBytes()));
        }
        return new LayoutRead(root, machine.globals(), storages, sections(zip, pickle, prefix, storages));
    }

    /** The pickle, the records, storage entries no tensor names, and the zip's own structures. */
    private static List<FileSection> sections(
            ZipArchive zip, ZipArchive.Entry pickle, String prefix, Map<String, StoredStorage> storages) {
        List<FileSection> out = new ArrayList<>();
        out.add(new FileSection(
                LedgerCategory.GRAPH_AND_CONFIG,
                "pickle of the object tree (" + pickle.name() + ")",
                "",
                pickle.dataOffset(),
                pickle.compressedBytes(),
                1));
        long records = 0;
        long recordCount = 0;
        long unused = 0;
        long unusedCount = 0;
        long entryBytes = 0;
        for (ZipArchive.Entry e : zip.entries()) {
            entryBytes += e.compressedBytes();
            if (e == pickle) {
                continue;
            }
            boolean storage = e.name().startsWith(prefix + "data/");
            if (storage && storages.containsKey(e.name().substring(prefix.length() + 5))) {
                continue;
            }
            if (storage) {
                unused += e.compressedBytes();
                unusedCount++;
            } else {
                records += e.compressedBytes();
                recordCount++;
            }
        }
        if (recordCount > 0) {
            out.add(new FileSection(
                    LedgerCategory.GRAPH_AND_CONFIG,
                    "records (version, byteorder, serialization id, " + "code)",
                    "",
                    -1,
                    records,
                    recordCount));
        }
        if (unusedCount > 0) {
            out.add(new FileSection(
                    LedgerCategory.CONSTANTS,
                    "storage entries no tensor of the pickle names",
                    "",
                    -1,
                    unused,
                    unusedCount));
        }
        out.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "zip local headers (with torch's alignment " + "padding), central directory and end records",
                "",
                -1,
                zip.sizeBytes() - entryBytes,
                zip.entries().size()));
        return out;
    }
}
