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
}
