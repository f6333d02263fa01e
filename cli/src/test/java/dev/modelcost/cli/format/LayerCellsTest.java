package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a table row's figures and shares read: unknown is never 0 or 0%, a share of a lower bound is an upper bound. */
class LayerCellsTest {
    private static LayerTable.Row row(
            long act, boolean actKnown, long weights, long sharedBiases, Long macs, boolean lb) {
        return new LayerTable.Row(
                "r",
                "Op",
                "",
                "",
                act,
                actKnown,
                weights == 0 ? Map.of() : Map.of(TensorRole.WEIGHT, weights),
                sharedBiases == 0 ? Map.of() : Map.of(TensorRole.BIAS, sharedBiases),
                macs,
                lb,
                1);
    }

    @Test
    void sharesOfCompleteTotalsToOneDecimal() {
        LayerTable.Row total = row(1000, true, 400, 0, 2000L, false);
        LayerTable.Row r = row(250, true, 1, 0, 1000L, false);
        assertEquals("25.0%", LayerCells.TEXT.activationShare(r, total), "250 / 1000");
        assertEquals("50.0%", LayerCells.TEXT.macsShare(r, total), "1000 / 2000");
        assertEquals("0.3%", LayerCells.TEXT.parameterShare(r, total), "1 / 400 = 0.25% rounds half up");
        assertEquals("<0.1%", LayerCells.TEXT.parameterShare(r, row(0, true, 4000, 0, 0L, false)), "1 / 4000");
        assertEquals("", LayerCells.TEXT.macsShare(row(0, true, 0, 0, 0L, false), total), "nothing: blank");
    }

    @Test
    void unknownFiguresAndTheirSharesAreMarkedNotZero() {
        LayerTable.Row total = row(1000, false, 400, 0, 2000L, true);
        LayerTable.Row unknown = row(0, false, 0, 0, null, false);
        assertEquals("?", LayerCells.TEXT.activations(unknown));
        assertEquals("?", LayerCells.TEXT.activationShare(unknown, total));
        assertEquals("?", LayerCells.TEXT.macs(unknown));
        assertEquals("?", LayerCells.TEXT.macsShare(unknown, total));
        assertEquals(">= 12", LayerCells.TEXT.activations(row(12, false, 0, 0, 0L, false)), "partial: a lower bound");
        assertEquals("unknown", LayerCells.TEXT_TOTAL.macs(row(0, true, 0, 0, 0L, true)));
        // 333 of at least 1000: at most 33.3%, rounded up so it stays an upper bound.
        assertEquals("<= 33.3%", LayerCells.TEXT.activationShare(row(333, true, 0, 0, 0L, false), total));
        assertEquals(
                "≤ 33.4%",
                LayerCells.RICH.activationShare(row(3331, true, 0, 0, 0L, false), row(10000, false, 0, 0, 0L, false)));
    }

    @Test
    void sharedParametersFollowTheCountedOnes() {
        LayerTable.Row r = row(0, true, 36864, 64, 0L, false);
        assertEquals("36,864 +64*", LayerCells.TEXT.parameters(r));
        assertEquals("36,864", LayerCells.TEXT.role(r, TensorRole.WEIGHT));
        assertEquals("+64*", LayerCells.TEXT.role(r, TensorRole.BIAS), "nothing counted here: the mark alone");
        assertEquals("+64*", LayerCells.RICH.role(r, TensorRole.BIAS));
        assertEquals("0", LayerCells.RICH.role(r, TensorRole.OTHER_PARAMETER));
        assertEquals("", LayerCells.TEXT.role(r, TensorRole.OTHER_PARAMETER));
    }
}
