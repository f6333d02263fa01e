package dev.modelcost.core.analysis.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Runtime's memory pattern: during the first run it traces every planned allocation and free, placing each
 * block at the smallest gap between the live blocks that holds it, else after the highest live block; from the second
 * run on, one block of the pattern's size is allocated and every tensor lives at its traced offset. Sizes are rounded
 * to 64 bytes, ONNX Runtime's tensor alignment.
 */
final class MemoryPattern {
    private static final long ALIGNMENT = 64;

    private record Block(String id, long offset, long size) {}

    private final List<Block> live = new ArrayList<>();
    private long size;

    void allocate(String id, long bytes) {
        long need = BfcArena.roundUp(bytes, ALIGNMENT);
        long offset = live.isEmpty()
                ? 0
                : live.get(live.size() - 1).offset() + live.get(live.size() - 1).size();
        int at = live.size();
        long waste = Long.MAX_VALUE;
        long current = 0;
        for (int i = 0; i < live.size(); i++) {
            Block b = live.get(i);
            if (b.offset() >= current) {
                long gap = b.offset() - current;
                if (gap >= need && gap - need < waste) {
                    waste = gap - need;
                    offset = current;
                    at = i;
                }
            }
            current = b.offset() + b.size();
        }
        size = Math.max(size, offset + need);
        live.add(at, new Block(id, offset, need));
    }

    void release(String id) {
        live.removeIf(b -> b.id().equals(id));
    }

    /** The block the second and later runs allocate. */
    long sizeBytes() {
        return size;
    }
}
