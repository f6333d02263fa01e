package dev.modelcost.importer.safetensors;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.spi.ImportOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A sharded checkpoint's index ({@code model.safetensors.index.json}): {@code weight_map} from tensor name to the
 * shard file that holds it, and {@code metadata.total_size}, the bytes of all tensors (-1 where absent). Shard names
 * are kept as written; they are opened only through {@link ModelSource#openSibling}, which confines them to the
 * index's folder.
 */
record ShardIndex(Map<String, String> weightMap, Set<String> shards, long totalSizeBytes) {
    static final String SUFFIX = ".safetensors.index.json";
    /** An index of 32 MiB names some 400,000 tensors (DeepSeek-V3's, 91,000 tensors, is 8 MB); its map fits the heap. */
    private static final long MAX_INDEX_BYTES = 32L << 20;

    static ShardIndex read(ModelSource source, ImportOptions options) throws IOException {
        long limit = Math.min(options.maxMetadataBytes(), MAX_INDEX_BYTES);
        if (source.sizeBytes() > limit) {
            throw Problems.malformed(
                    source,
                    "",
                    "the index of " + source.sizeBytes() + " bytes exceeds the limit of " + limit + " bytes");
        }
        String text = new String(source.readBytes(0, (int) source.sizeBytes()), StandardCharsets.UTF_8);
        Object v;
        try {
            v = Json.parseUniqueNames(text, options.maxMetadataBytes());
        } catch (Json.JsonException e) {
            throw Problems.malformed(source, "", "the shard index does not parse: " + e.getMessage());
        }
        if (!(v instanceof Map<?, ?> top) || !(top.get("weight_map") instanceof Map<?, ?> map)) {
            throw Problems.malformed(source, "", "a shard index is an object with a 'weight_map'");
        }
        if (map.size() > Math.min(options.maxNodes(), ShardedCheckpoint.MAX_TENSORS)) {
            throw Problems.malformed(
                    source,
                    "weight_map",
                    "more than " + Math.min(options.maxNodes(), ShardedCheckpoint.MAX_TENSORS) + " tensors");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        Set<String> shards = new LinkedHashSet<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String shard) || shard.isEmpty()) {
                throw Problems.malformed(source, "weight_map", "tensor '" + e.getKey() + "' names no shard file");
            }
            weightMap.put((String) e.getKey(), shard);
            shards.add(shard);
        }
        long total = -1;
        if (top.get("metadata") instanceof Map<?, ?> meta && meta.get("total_size") instanceof Long n) {
            total = n;
        } else if (top.get("metadata") instanceof Map<?, ?> meta && meta.get("total_size") instanceof Double d) {
            total = d.longValue(); // some writers store it as a float
        }
        return new ShardIndex(weightMap, shards, total);
    }
}
