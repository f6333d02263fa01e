package dev.modelcost.core.analysis.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryPatternTest {

    @Test
    void aBlockTakesTheSmallestGapElseGoesAfterTheHighestLiveBlock() {
        MemoryPattern p = new MemoryPattern();
        p.allocate("a", 100); // 128 at 0 (64-byte alignment)
        p.allocate("b", 200); // 256 at 128
        p.allocate("c", 100); // 128 at 384: pattern 512 bytes
        p.release("a");
        p.allocate("d", 64); // the gap [0, 128) holds it
        assertEquals(512, p.sizeBytes());
        p.allocate("e", 300); // 320: the gap left is 64 bytes, so after c: 512 + 320
        assertEquals(832, p.sizeBytes());
    }
}
