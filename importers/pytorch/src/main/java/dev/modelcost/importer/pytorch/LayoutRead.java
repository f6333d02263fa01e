package dev.modelcost.importer.pytorch;

import dev.modelcost.core.spi.FileSection;
import dev.modelcost.importer.pytorch.pickle.PickleValue;

import java.util.List;
import java.util.Map;

/**
 * What a torch.save layout (zip, legacy stream, tar) yields: the object tree, the names the pickle referred to, the
 * storages located in the file, and the byte sections that are not storage payloads.
 */
record LayoutRead(
        PickleValue root,
        Map<String, Integer> globals,
        Map<String, StoredStorage> storages,
        List<FileSection> sections) {}
