package dev.modelcost.importer.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one GGUF file holds besides its payloads, with the byte positions the ledger needs: the fixed header ends at
 * {@code headerEndBytes}, the key/values at {@code kvEndBytes} (of which {@code tokenizerKvBytes} are
 * {@code tokenizer.*} keys), the tensor infos at {@code infosEndBytes}, and the data section starts at
 * {@code dataStartBytes} (the next multiple of {@code alignment}; -1 when the file has no tensors and ends before it).
 */
record GgufFile(
        int version,
        Map<String, Object> kv,
        Map<String, String> kvTypes,
        List<GgufTensorInfo> tensors,
        long headerEndBytes,
        long kvEndBytes,
        long tokenizerKvBytes,
        long infosEndBytes,
        long alignment,
        long dataStartBytes) {

    GgufFile {
        kv = Collections.unmodifiableMap(new LinkedHashMap<>(kv));
        kvTypes = Collections.unmodifiableMap(new LinkedHashMap<>(kvTypes));
        tensors = List.copyOf(tensors);
    }

    String architecture() {
        return kv.get("general.architecture") instanceof String s ? s : "";
    }
}
