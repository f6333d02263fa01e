package dev.modelcost.importer.pytorch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoveredRangesTest {
    @Test
    void overlappingViewsAddOnlyTheirNewElements() {
        CoveredRanges r = new CoveredRanges();
        assertEquals(10, r.add(0, 10));
        assertEquals(5, r.add(5, 15), "[10, 15) is new");
        assertEquals(0, r.add(0, 15), "all covered");
        assertEquals(10, r.add(20, 30));
        assertEquals(5, r.add(12, 25), "[15, 20) is new: 3 elements overlap the first range, 5 the second");
        assertEquals(0, r.add(7, 7), "an empty range");
        assertEquals(10, r.add(40, 50));
        assertEquals(20, r.add(30, 60), "[30, 40) and [50, 60) are new: 10 + 10");
    }
}
