package dev.modelcost.cli.format;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.ParameterUse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --depth N: which module a layer's name puts it in, and what a group of layers adds up to. */
class LayerGroupsTest {
    private static final TensorType T = new TensorType(DType.FLOAT32, Shape.of(1, 4));

    private static LayerRow layer(String name, List<ParameterUse> uses, Long macs) {
        return new LayerRow(name, "Op", T, 4, true, uses, macs, -1, false);
    }

    @Test
    void theModulePathIsTheNameWithoutItsLastSegment() {
        assertEquals("/layer1", LayerGroups.moduleKey("/layer1/layer1.0/conv1/Conv", 1));
        assertEquals("/layer1/layer1.0", LayerGroups.moduleKey("/layer1/layer1.0/conv1/Conv", 2));
        assertEquals("/layer1/layer1.0/conv1", LayerGroups.moduleKey("/layer1/layer1.0/conv1/Conv", 3));
        assertNull(LayerGroups.moduleKey("/layer1/layer1.0/conv1/Conv", 4), "fewer levels: stays a row");
        assertEquals("base", LayerGroups.moduleKey("base/fn/c1", 1), "a nested Keras model");
        assertEquals("model/block1", LayerGroups.moduleKey("model/block1/conv", 2), "TensorFlow scopes");
        assertNull(LayerGroups.moduleKey("dense_1", 1));
        assertNull(LayerGroups.moduleKey("/Flatten", 1), "PyTorch's top-level op: no module");
    }

    @Test
    void layersOfAModuleMeetInOneGroupInTheOrderOfTheirFirstLayer() {
        List<LayerRow> layers = List.of(
                layer("/conv1/Conv", List.of(), 10L),
                layer("/layer1/a/Conv", List.of(), 20L),
                layer("/Flatten", List.of(), 0L),
                layer("/layer1/b/Conv", List.of(), 30L));
        List<LayerGroups.Group> g = LayerGroups.of(layers, 1, false);
        assertEquals(
                List.of("/conv1/Conv", "/layer1", "/Flatten"),
                g.stream().map(LayerGroups.Group::name).toList());
        assertEquals("Op", g.get(0).op(), "a group of one is that layer");
        assertEquals("2 layers", g.get(1).op());
        assertEquals(List.of(1, 3), g.get(1).indices());
    }

    @Test
    void aTensorCountedInTheGroupIsCountedOnceAndOneCountedElsewhereIsShared() {
        ParameterUse w1 = new ParameterUse("w1", TensorRole.WEIGHT, 100, true);
        ParameterUse b = new ParameterUse("b", TensorRole.BIAS, 10, true);
        ParameterUse bAgain = new ParameterUse("b", TensorRole.BIAS, 10, false);
        ParameterUse outside = new ParameterUse("x", TensorRole.BIAS, 7, false);
        LayerTable.Row row = LayerTable.Row.of(
                "/m",
                "3 layers",
                List.of(
                        layer("/m/a", List.of(w1, b), 5L),
                        layer("/m/b", List.of(bAgain, outside), null),
                        layer("/m/c", List.of(outside), 6L)));
        // w1 (100) and b (10) are counted in the group; b's second use is inside it; x (7) is counted elsewhere.
        assertEquals(Map.of(TensorRole.WEIGHT, 100L, TensorRole.BIAS, 10L), row.byRole());
        assertEquals(Map.of(TensorRole.BIAS, 7L), row.sharedByRole());
        assertEquals(3 * 4, row.activationElements());
        assertEquals(11L, row.macs(), "5 + 6 known");
        assertTrue(row.macsLowerBound(), "one layer's MACs are unknown");
    }

    @Test
    void aGroupWhoseMacsAreAllUnknownHasUnknownMacs() {
        LayerTable.Row row = LayerTable.Row.of(
                "/m", "2 layers", List.of(layer("/m/a", List.of(), null), layer("/m/b", List.of(), null)));
        assertNull(row.macs());
        assertFalse(row.macsLowerBound());
    }
}
