package dev.modelcost.source.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed-size blocks of a remote file by index, least recently used first out, bounded in bytes. */
final class BlockCache {
    private final long capacityBytes;
    private final LinkedHashMap<Long, byte[]> blocks = new LinkedHashMap<>(64, 0.75f, true);
    private long heldBytes;

    BlockCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    byte[] get(long index) {
        return blocks.get(index);
    }

    boolean contains(long index) {
        return blocks.containsKey(index);
    }

    void put(long index, byte[] block) {
        byte[] old = blocks.put(index, block);
        heldBytes += block.length - (old == null ? 0 : old.length);
        var it = blocks.entrySet().iterator();
        while (heldBytes > capacityBytes && it.hasNext()) {
            Map.Entry<Long, byte[]> eldest = it.next();
            if (eldest.getKey() == index) {
                continue;
            }
            heldBytes -= eldest.getValue().length;
            it.remove();
        }
    }

    long heldBytes() {
        return heldBytes;
    }

    void clear() {
        blocks.clear();
        heldBytes = 0;
    }
}
