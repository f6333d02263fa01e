package dev.modelcost.importer.pytorch;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.importer.pytorch.pickle.PickleException;
import dev.modelcost.importer.pytorch.pickle.PickleInput;
import dev.modelcost.importer.pytorch.pickle.PickleMachine;
import dev.modelcost.importer.pytorch.pickle.PickleValue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tar layout of torch.save before 0.4: entry {@code storages} (a pickled count, then per storage a pickled
 * (key, location, storage type), an 8-byte element count and the raw bytes; then a pickled list of views (target,
 * root, offset, elements)), entry {@code tensors} (a pickled count, then per tensor a pickled (key, storage key,
 * tensor type), a 4-byte rank padded to 8, sizes, strides and storage offset as 8-byte integers) and entry
 * {@code pickle}, whose persistent ids name those tensors by key.
 */
final class TarLayout {
    private TarLayout() {}

    static LayoutRead read(ModelSource source, long maxOps, int maxRank) throws IOException {
        Map<String, TarEntries.Entry> entries = TarEntries.read(source);
        TarEntries.Entry storagesEntry = need(entries, "storages");
        TarEntries.Entry tensorsEntry = need(entries, "tensors");
        TarEntries.Entry pickleEntry = need(entries, "pickle");

        PickleInput in = new PickleInput(
                source, storagesEntry.dataOffset(), storagesEntry.dataOffset() + storagesEntry.sizeBytes());
        long count = count(new PickleMachine(in, maxOps).load(), "storages");
        Map<String, StoredStorage> storages = new LinkedHashMap<>();
        long storageBytes = 0;
        for (long i = 0; i < count; i++) {
            List<PickleValue> rec = tuple(new PickleMachine(in, maxOps).load(), 3, "storage record");
            String key = TensorWalk.keyText(rec.get(0));
            String type = rec.get(2) instanceof PickleValue.Global g ? g.name() : "?";
            long elements = Long.reverseBytes(
                    ByteBuffer.wrap(source.readBytes(in.position(), 8)).getLong());
            long bytes = elements < 0 || elements > source.sizeBytes() ? -1 : elements * StorageTypes.itemBytes(type);
            if (bytes < 0 || bytes > in.remaining() - 8) {
                throw new PickleException(
                        "storage '" + key + "' declares " + elements + " elements, past its tar entry");
            }
            storages.put(key, new StoredStorage(key, type, elements, in.position() + 8, bytes));
            storageBytes += bytes;
            skip(in, 8 + bytes);
        }
        Map<String, long[]> views = new HashMap<>(); // view key -> {element offset in its root}
        Map<String, String> rootOf = new HashMap<>();
        PickleValue viewList = new PickleMachine(in, maxOps).load();
        if (viewList instanceof PickleValue.Seq s) {
            for (PickleValue v : s.items()) {
                List<PickleValue> t = tuple(v, 4, "storage view");
                rootOf.put(TensorWalk.keyText(t.get(0)), TensorWalk.keyText(t.get(1)));
                views.put(
                        TensorWalk.keyText(t.get(0)),
                        new long[] {t.get(2) instanceof PickleValue.Int o ? o.value() : 0});
            }
        }

        Map<String, PickleValue.Tensor> tensors =
                tensors(source, tensorsEntry, storages, rootOf, views, maxOps, maxRank);
        PickleInput main =
                new PickleInput(source, pickleEntry.dataOffset(), pickleEntry.dataOffset() + pickleEntry.sizeBytes());
        PickleMachine machine = new PickleMachine(main, maxOps, pid -> tensors.get(TensorWalk.keyText(pid)));
        PickleValue root = machine.load();

        List<FileSection> sections = new ArrayList<>();
        sections.add(new FileSection(
                LedgerCategory.GRAPH_AND_CONFIG,
                "pickle of the object tree (tar entry pickle)",
                "",
                pickleEntry.dataOffset(),
                pickleEntry.sizeBytes(),
                1));
        sections.add(new FileSection(
                LedgerCategory.GRAPH_AND_CONFIG,
                "tensor records (tar entry tensors: sizes, strides," + " offsets)",
                "",
                tensorsEntry.dataOffset(),
                tensorsEntry.sizeBytes(),
                1));
        sections.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "storage records (pickled keys and types, element" + " counts, views)",
                "",
                -1,
                storagesEntry.sizeBytes() - storageBytes,
                1));
        sections.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "tar headers, block padding and other entries" + " (sys_info)",
                "",
                -1,
                source.sizeBytes() - storagesEntry.sizeBytes() - tensorsEntry.sizeBytes() - pickleEntry.sizeBytes(),
                1));
        return new LayoutRead(root, machine.globals(), storages, sections);
    }

    private static Map<String, PickleValue.Tensor> tensors(
            ModelSource source,
            TarEntries.Entry entry,
            Map<String, StoredStorage> storages,
            Map<String, String> rootOf,
            Map<String, long[]> views,
            long maxOps,
            int maxRank)
            throws IOException {
        PickleInput in = new PickleInput(source, entry.dataOffset(), entry.dataOffset() + entry.sizeBytes());
        long count = count(new PickleMachine(in, maxOps).load(), "tensors");
        Map<String, PickleValue.Tensor> out = new HashMap<>();
        for (long i = 0; i < count; i++) {
            List<PickleValue> rec = tuple(new PickleMachine(in, maxOps).load(), 3, "tensor record");
            String storageKey = TensorWalk.keyText(rec.get(1));
            String rootKey = rootOf.getOrDefault(storageKey, storageKey);
            StoredStorage s = storages.get(rootKey);
            if (s == null) {
                throw new PickleException(
                        "a tensor names storage '" + storageKey + "', which the archive does not hold");
            }
            ByteBuffer head =
                    ByteBuffer.wrap(source.readBytes(in.position(), 8)).order(ByteOrder.LITTLE_ENDIAN);
            int rank = head.getInt(0);
            if (rank < 0 || rank > maxRank) {
                throw new PickleException("a tensor record declares rank " + rank);
            }
            ByteBuffer dims = ByteBuffer.wrap(source.readBytes(in.position() + 8, 16 * rank + 8))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long[] size = new long[rank];
            long[] stride = new long[rank];
            for (int d = 0; d < rank; d++) {
                size[d] = dims.getLong(8 * d);
                stride[d] = dims.getLong(8 * (rank + d));
            }
            long offset = dims.getLong(16 * rank);
            skip(in, 8 + 16L * rank + 8);
            long viewOffset = views.getOrDefault(storageKey, new long[1])[0];
            PickleValue.Storage storage = new PickleValue.Storage(s.typeName(), rootKey, "", s.elements(), viewOffset);
            out.put(TensorWalk.keyText(rec.get(0)), new PickleValue.Tensor(storage, offset, size, stride, false));
        }
        return out;
    }

    private static TarEntries.Entry need(Map<String, TarEntries.Entry> entries, String name) throws PickleException {
        TarEntries.Entry e = entries.get(name);
        if (e == null) {
            throw new PickleException("the tar archive has no '" + name + "' entry: not a torch.save file");
        }
        return e;
    }

    private static long count(PickleValue v, String what) throws PickleException {
        if (!(v instanceof PickleValue.Int n) || n.wide() || n.value() < 0) {
            throw new PickleException("the number of " + what + " is not a count");
        }
        return n.value();
    }

    private static List<PickleValue> tuple(PickleValue v, int size, String what) throws PickleException {
        if (!(v instanceof PickleValue.Tuple t) || t.items().size() < size) {
            throw new PickleException("a " + what + " is not a tuple of " + size);
        }
        return t.items();
    }

    private static void skip(PickleInput in, long n) throws IOException {
        in.skipBytes(n);
    }
}
