package dev.modelcost.core.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteUnitsTest {
    @Test
    void vgg16ParametersInMegabytesAndMebibytes() {
        // 138,357,544 fp32 parameters: the published 553.4 MB, which is 527.8 MiB.
        assertEquals("553.4 MB = 527.8 MiB", ByteUnits.both(138_357_544L * 4));
    }

    @Test
    void smallerFiguresKeepTwoDecimals() {
        // 15,237,608 activation values of VGG-16 at 4 bytes.
        assertEquals("60.95 MB = 58.13 MiB", ByteUnits.both(15_237_608L * 4));
    }

    @Test
    void gigabytesScaleUp() {
        // 4,540,000,000 B / 10^9 = 4.54 GB; / 2^30 = 4.2282... GiB.
        assertEquals("4.54 GB = 4.23 GiB", ByteUnits.both(4_540_000_000L));
        // 392,857,599,996 B: 392.857... GB; / 2^30 = 365.88... GiB.
        assertEquals("392.9 GB = 365.9 GiB", ByteUnits.both(392_857_599_996L));
    }

    @Test
    void kilobytesAndBytes() {
        // 12,476 / 1000 = 12.476 -> 12.48 kB; / 1024 = 12.1836 -> 12.18 KiB.
        assertEquals("12.48 kB = 12.18 KiB", ByteUnits.both(12_476));
        assertEquals("0 B", ByteUnits.both(0));
        assertEquals("999 B", ByteUnits.both(999));
        // 1000 B is 1 kB but still 1000 B in binary units.
        assertEquals("1.00 kB = 1000 B", ByteUnits.both(1000));
    }

    @Test
    void terabytesAndNegativeDifferences() {
        assertEquals("1.10 TB = 1.00 TiB", ByteUnits.both(1L << 40));
        assertEquals("-46.72 MB = -44.56 MiB", ByteUnits.both(-46_722_720L));
    }

    @Test
    void fixedMegabytesStayForTheMbVersusMibLesson() {
        assertEquals("553.4 MB", ByteUnits.mb(553_430_176L));
        assertEquals("527.8 MiB", ByteUnits.mib(553_430_176L));
    }
}
