package dev.modelcost.core.analysis.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ONNX Runtime's arena rules, figures derived by hand from its defaults (1 MiB first region, 256-byte rounding). */
class BfcArenaTest {
    private static final long MIB = 1L << 20;

    @Test
    void aRequestLargerThanTheRegionSizeDoublesItUntilItFits() {
        BfcArena a = new BfcArena();
        a.allocate(3 * MIB); // 1 MiB -> 2 -> 4 MiB region; 4 MiB < 2 x 3 MiB, so the chunk is not split
        assertEquals(4 * MIB, a.regionsBytes());
        assertEquals(3 * MIB, a.residentBytes()); // only the pages written are resident
        a.allocate(MIB / 2); // nothing free: a new region of 4 MiB (no doubling needed), the next one will be 8 MiB
        assertEquals(8 * MIB, a.regionsBytes());
        assertEquals(3 * MIB + MIB / 2, a.residentBytes());
    }

    @Test
    void theSmallestBinThatFitsIsSearchedFirst() {
        BfcArena a = new BfcArena();
        long first = a.allocate(3 * MIB); // region 1: 4 MiB chunk, unsplit
        a.allocate(MIB / 2); // region 2: 4 MiB split into 0.5 MiB + 3.5 MiB free
        a.release(first); // region 1's 4 MiB chunk free again
        // 1 MiB: the 3.5 MiB chunk (bin of 2..4 MiB) comes before the 4 MiB one (bin of 4..8 MiB), so the new
        // pages are in region 2 and 1 MiB more becomes resident.
        a.allocate(MIB);
        assertEquals(3 * MIB + MIB / 2 + MIB, a.residentBytes());
        assertEquals(8 * MIB, a.regionsBytes());
    }

    @Test
    void freedNeighboursMergeSoALargerRequestReusesTheirPages() {
        BfcArena a = new BfcArena();
        long x = a.allocate(300_000); // 1 MiB region, split: 300,032 used
        long y = a.allocate(300_000);
        a.release(x);
        a.release(y); // both merge back into one free 1 MiB chunk
        long resident = a.residentBytes();
        a.allocate(600_000); // fits at the region's start, over pages already written
        assertEquals(resident, a.residentBytes());
        assertEquals(MIB, a.regionsBytes());
    }
}
