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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream torch.save wrote before 1.6 (and with _use_new_zipfile_serialization=False): five pickles (magic number,
 * protocol version, system info, the object tree, the list of storage keys) and then, for each key in that order, an
 * 8-byte little-endian element count followed by the storage's raw bytes.
 */
final class LegacyLayout {
    /** The first bytes: PROTO 2, then LONG1 of 10 bytes holding the magic number 0x1950a86a20f9469cfc6c. */
    static final byte[] MAGIC_PICKLE = {
        (byte) 0x80,
        0x02,
        (byte) 0x8a,
        0x0a,
        0x6c,
        (byte) 0xfc,
        (byte) 0x9c,
        0x46,
        (byte) 0xf9,
        0x20,
        0x6a,
        (byte) 0xa8,
        0x50,
        0x19,
        0x2e
    };

    private LegacyLayout() {}

    static boolean recognizes(byte[] head) {
        if (head == null || head.length < MAGIC_PICKLE.length) {
            return false;
        }
        for (int i = 0; i < MAGIC_PICKLE.length; i++) {
            if (head[i] != MAGIC_PICKLE[i]) {
                return false;
            }
        }
        return true;
    }

    static LayoutRead read(ModelSource source, long maxOps) throws IOException {
        long size = source.sizeBytes();
        PickleInput header = new PickleInput(source, 0, size);
        for (int i = 0; i < 3; i++) {
            new PickleMachine(header, maxOps).load(); // magic number, protocol version, system info
        }
        long mainStart = header.position();
        PickleInput mainInput = new PickleInput(source, mainStart, size);
        PickleMachine main = new PickleMachine(mainInput, maxOps);
        PickleValue root = main.load();
        long keysStart = mainInput.position();
        PickleInput keysInput = new PickleInput(source, keysStart, size);
        PickleValue keys = new PickleMachine(keysInput, maxOps).load();
        long storagesStart = keysInput.position();

        Map<String, String> typeOfKey = new LinkedHashMap<>();
        for (TensorWalk.Found f : TensorWalk.of(root).found()) {
            typeOfKey.putIfAbsent(
                    f.tensor().storage().key(), f.tensor().storage().typeName());
        }
        Map<String, StoredStorage> storages = new LinkedHashMap<>();
        long at = storagesStart;
        for (String key : keyList(keys)) {
            String type = typeOfKey.getOrDefault(key, "");
            if (at > size - 8) {
                throw new PickleException("storage '" + key + "' has no element count: the file ends at byte " + size);
            }
            long elements =
                    Long.reverseBytes(ByteBuffer.wrap(source.readBytes(at, 8)).getLong());
            long bytes = elements < 0 || elements > size ? -1 : elements * StorageTypes.itemBytes(type);
            if (bytes < 0 || bytes > size - at - 8) {
                throw new PickleException("storage '" + key + "' declares " + elements + " elements at byte " + at
                        + ", more than the " + (size - at - 8) + " bytes left in the file");
            }
            storages.put(key, new StoredStorage(key, type, elements, at + 8, bytes));
            at += 8 + bytes;
        }
        List<FileSection> sections = new ArrayList<>();
        sections.add(new FileSection(
                LedgerCategory.CONTAINER_OVERHEAD,
                "legacy stream header pickles (magic number, protocol version, system info)",
                "",
                0,
                mainStart,
                1));
        sections.add(new FileSection(
                LedgerCategory.GRAPH_AND_CONFIG,
                "pickle of the object tree (keys, containers, " + "tensor sizes and strides)",
                "",
                mainStart,
                keysStart - mainStart,
                1));
        sections.add(new FileSection(
                LedgerCategory.GRAPH_AND_CONFIG,
                "pickled list of storage keys",
                "",
                keysStart,
                storagesStart - keysStart,
                1));
        if (!storages.isEmpty()) {
            sections.add(new FileSection(
                    LedgerCategory.CONTAINER_OVERHEAD,
                    "storage element counts (8 bytes before " + "each storage)",
                    "",
                    -1,
                    8L * storages.size(),
                    storages.size()));
        }
        if (size > at) {
            sections.add(new FileSection(
                    LedgerCategory.PADDING_AND_FREE_SPACE, "bytes after the last storage", "", at, size - at, 1));
        }
        return new LayoutRead(root, main.globals(), storages, sections);
    }

    private static List<String> keyList(PickleValue keys) throws PickleException {
        List<PickleValue> items =
                keys instanceof PickleValue.Seq s ? s.items() : keys instanceof PickleValue.Tuple t ? t.items() : null;
        if (items == null) {
            throw new PickleException("the storage key list is not a list");
        }
        List<String> out = new ArrayList<>();
        for (PickleValue v : items) {
            out.add(TensorWalk.keyText(v));
        }
        return out;
    }
}
