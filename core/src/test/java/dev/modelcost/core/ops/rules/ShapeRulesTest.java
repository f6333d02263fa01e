package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shape rules on tiny graphs; expected shapes are the examples of the ONNX operator specification or hand counts. */
class ShapeRulesTest {

    @Test
    void sliceWithStepsTakesEveryOtherColumn() {
        // ONNX Slice example 1: data 2x4, starts [1, 0], ends [2, 3], axes [0, 1], steps [1, 2] -> [[5, 7]].
        var t = new Nodes(13)
                .input("x", 2, 4)
                .vector("st", 1, 0)
                .vector("en", 2, 3)
                .vector("ax", 0, 1)
                .vector("sp", 1, 2)
                .node("Slice", List.of("x", "st", "en", "ax", "sp"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(1, 2), t.typeOf("y").shape());
    }

    @Test
    void sliceClampsEndsAndWalksBackwards() {
        // starts [-1], ends [-1000], steps [-1] on a dim of 4 walks the whole axis backwards: 4 elements.
        var t = new Nodes(13)
                .input("x", 4, 3)
                .vector("st", -1)
                .vector("en", -1000)
                .vector("ax", 0)
                .vector("sp", -1)
                .node("Slice", List.of("x", "st", "en", "ax", "sp"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(4, 3), t.typeOf("y").shape());
    }

    @Test
    void slicesOfAComputedShapeAreEvaluated() {
        // torch.chunk-style: Shape -> Slice -> Reshape target keeps exact dims.
        var t = new Nodes(13)
                .input("x", 1, 116, 28, 28)
                .vector("st", 0)
                .vector("en", 2)
                .vector("tail", -1)
                .node("Shape", List.of("x"), "s")
                .node("Slice", List.of("s", "st", "en"), "head")
                .node("Concat", List.of("head", "tail"), "target", Map.of("axis", Nodes.i(0)))
                .node("Reshape", List.of("x", "target"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(1, 116, 784), t.typeOf("y").shape());
    }

    /** A reshape keeps every element: 96 values do not fit a fixed [2, 2, 6] (24), so the shape is not made up. */
    @Test
    void aFixedReshapeTargetOfAnotherSizeIsUnknown() {
        var t = new Nodes(13)
                .input("x", 4, 4, 6)
                .vector("target", 2, 2, 6)
                .node("Reshape", List.of("x", "target"), "y")
                .output("y")
                .infer();
        assertFalse(t.typeOf("y").shape().isFullyKnown(), t.typeOf("y").toString());
    }

    @Test
    void splitEquallyAndBySizes() {
        var t = new Nodes(13)
                .input("x", 6, 4)
                .vector("sizes", 2, 4)
                .node("Split", List.of("x"), List.of("a", "b", "c"), Map.of())
                .node("Split", List.of("x", "sizes"), List.of("d", "e"), Map.of("axis", Nodes.i(0)))
                .infer();
        assertEquals(Shape.of(2, 4), t.typeOf("c").shape());
        assertEquals(Shape.of(4, 4), t.typeOf("e").shape());
    }

    @Test
    void resizeFloorsScaledDims() {
        // ONNX Resize downsample example: [1, 1, 2, 4] with scales [1, 1, 0.6, 0.6] -> [1, 1, 1, 2].
        var t = new Nodes(13)
                .input("x", 1, 1, 2, 4)
                .floats("scales", 1, 1, 0.6f, 0.6f)
                .node("Resize", List.of("x", "", "scales"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(1, 1, 1, 2), t.typeOf("y").shape());
    }

    @Test
    void rangeCountsAndCarriesItsValues() {
        // ONNX Range example: start 3, limit 9, delta 3 -> [3, 6].
        var t = new Nodes(13)
                .scalar("a", 3)
                .scalar("b", 9)
                .scalar("d", 3)
                .node("Range", List.of("a", "b", "d"), "r")
                .output("r")
                .infer();
        assertEquals(Shape.of(2), t.typeOf("r").shape());
        assertEquals(ConstantValues.ofLongs(3, 6), t.valuesOf("r").orElseThrow());
    }

    @Test
    void constantOfShapeOfAShapeHasThatShape() {
        var t = new Nodes(13)
                .input("x", 2, 3, 5)
                .node("Shape", List.of("x"), "s")
                .node("ConstantOfShape", List.of("s"), "z")
                .output("z")
                .infer();
        assertEquals(Shape.of(2, 3, 5), t.typeOf("z").shape());
    }

    @Test
    void expandBroadcastsBothWays() {
        // ONNX Expand example: [3, 1] expanded with [2, 1, 6] -> [2, 3, 6].
        var t = new Nodes(13)
                .input("x", 3, 1)
                .vector("s", 2, 1, 6)
                .node("Expand", List.of("x", "s"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(2, 3, 6), t.typeOf("y").shape());
    }

    @Test
    void reduceSumTakesAxesFromItsInputFromOpset13() {
        var t = new Nodes(13)
                .input("x", 3, 2, 2)
                .vector("axes", 1)
                .node("ReduceSum", List.of("x", "axes"), "y", Map.of("keepdims", Nodes.i(0)))
                .output("y")
                .infer();
        assertEquals(Shape.of(3, 2), t.typeOf("y").shape());
        var old = new Nodes(11)
                .input("x", 3, 2, 2)
                .node("ReduceSum", List.of("x"), "y", Map.of("axes", Nodes.is(1)))
                .output("y")
                .infer();
        assertEquals(Shape.of(3, 1, 2), old.typeOf("y").shape());
    }

    @Test
    void einsumBatchedMatmul() {
        var t = new Nodes(13)
                .input("a", 2, 3, 4)
                .input("b", 2, 4, 5)
                .node("Einsum", List.of("a", "b"), "y", Map.of("equation", Nodes.s("bij,bjk->bik")))
                .output("y")
                .infer();
        assertEquals(Shape.of(2, 3, 5), t.typeOf("y").shape());
    }

    @Test
    void einsumImplicitOutputSortsTheFreeLetters() {
        // "ij,jk" without "->": the letters used once, alphabetically: i, k.
        var t = new Nodes(13)
                .input("a", 3, 4)
                .input("b", 4, 5)
                .node("Einsum", List.of("a", "b"), "y", Map.of("equation", Nodes.s("ij,jk")))
                .output("y")
                .infer();
        assertEquals(Shape.of(3, 5), t.typeOf("y").shape());
    }

    @Test
    void lstmOutputsFollowTheLayout() {
        // X [seq 7, batch 2, input 4], hidden 5, bidirectional: Y [7, 2, 2, 5], Y_h and Y_c [2, 2, 5].
        var t = new Nodes(13)
                .input("x", 7, 2, 4)
                .weight("w", 2, 20, 4)
                .weight("r", 2, 20, 5)
                .node(
                        "LSTM",
                        List.of("x", "w", "r"),
                        List.of("y", "yh", "yc"),
                        Map.of("hidden_size", Nodes.i(5), "direction", Nodes.s("bidirectional")))
                .infer();
        assertEquals(Shape.of(7, 2, 2, 5), t.typeOf("y").shape());
        assertEquals(Shape.of(2, 2, 5), t.typeOf("yc").shape());
    }

    @Test
    void nonZeroOnUnknownDataNamesTheUnknownDim() {
        var t = new Nodes(13)
                .input("x", 3, 4)
                .node("NonZero", List.of("x"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(List.of(Dim.of(2), Dim.UNKNOWN)), t.typeOf("y").shape());
        assertTrue(t.diagnostics().stream()
                .anyMatch(d -> d.message().contains("NonZero") && d.message().contains("depends on data")));
    }

    @Test
    void topKSetsTheAxisToK() {
        var t = new Nodes(11)
                .input("x", 3, 4)
                .vector("k", 2)
                .node("TopK", List.of("x", "k"), List.of("v", "i"), Map.of())
                .infer();
        assertEquals(Shape.of(3, 2), t.typeOf("v").shape());
        assertEquals(DType.INT64, t.typeOf("i").dtype());
    }

    @Test
    void unknownOperatorsAreListedAndDoNotStopInference() {
        InferredTypes t = new Nodes(13)
                .input("x", 2, 3)
                .node("Frobnicate", List.of("x"), "y")
                .node("Relu", List.of("x"), "z")
                .output("z")
                .infer();
        assertEquals(Shape.of(2, 3), t.typeOf("z").shape());
        assertTrue(t.diagnostics().stream().anyMatch(d -> d.message().contains("unknown operator(s) [Frobnicate]")));
    }
}
