package dev.modelcost.core.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchScaledBytesTest {

    @Test
    void fixedPlusBatchTimesPerSample() {
        // 100 fixed + 8 samples x 30 = 340.
        BatchScaledBytes b = new BatchScaledBytes(100, 30);
        assertEquals(340, b.atBatch(8));
        assertEquals(100, b.atBatch(0));
        assertEquals(
                new BatchScaledBytes(110, 35),
                b.plus(BatchScaledBytes.perSample(5)).plusFixed(10));
        assertEquals(BatchScaledBytes.fixed(7), BatchScaledBytes.of(7, false));
        assertEquals(BatchScaledBytes.perSample(7), BatchScaledBytes.of(7, true));
    }

    @Test
    void aTotalPast64BitsIsRefusedNotWrapped() {
        assertThrows(ArithmeticException.class, () -> BatchScaledBytes.perSample(Long.MAX_VALUE / 2)
                .atBatch(3));
        assertThrows(ArithmeticException.class, () -> BatchScaledBytes.fixed(Long.MAX_VALUE)
                .plusFixed(1));
    }
}
