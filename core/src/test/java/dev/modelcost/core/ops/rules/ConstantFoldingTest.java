package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.InferredTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Small known values carried through the ops exporters use to compute shapes, pads and scales. */
class ConstantFoldingTest {

    /** PyTorch's F.pad pads: constants reshaped to [-1, 2], reversed by Slice with step -1, transposed, flattened. */
    @Test
    void twoDimensionalSliceWithNegativeStepAndTransposeKeepValuesKnown() {
        // [[0, 0], [0, 64]] -> Slice(axis 0, start -1, end -big, step -1) -> [[0, 64], [0, 0]]
        //                   -> Transpose -> [[0, 0], [64, 0]] -> flattened [0, 0, 64, 0]
        InferredTypes t = new Nodes(13)
                .ints("p", new long[] {2, 2}, 0, 0, 0, 64)
                .vector("s", -1)
                .vector("e", Long.MIN_VALUE + 1)
                .vector("ax", 0)
                .vector("st", -1)
                .node("Slice", List.of("p", "s", "e", "ax", "st"), "rev")
                .node("Transpose", List.of("rev"), "tr", Map.of("perm", Nodes.is(1, 0)))
                .output("tr")
                .infer();
        assertArrayEquals(
                new long[] {0, 64, 0, 0}, t.valuesOf("rev").orElseThrow().longs());
        assertArrayEquals(
                new long[] {0, 0, 64, 0}, t.valuesOf("tr").orElseThrow().longs());
    }

    @Test
    void aResizeToFitRatioComputedFromAShapeIsKnown() {
        // onnxruntime-extensions' pre-processing: Shape [480, 640, 3] -> Split -> Concat h, w -> Cast -> 224 / hw
        // = [0.4667, 0.35] -> ReduceMax 0.4667 -> Concat [1, r, r, 1]; Resize floors 480 x r = 224, 640 x r = 298.67
        InferredTypes t = new Nodes(18)
                .input("img", 480, 640, 3)
                .floats("target", 224, 224)
                .floats("one", 1)
                .vector("zero", 0)
                .node("Shape", List.of("img"), "shape")
                .node(
                        "Split",
                        List.of("shape"),
                        List.of("h", "w", "c"),
                        Map.of("axis", Nodes.i(0), "num_outputs", Nodes.i(3)))
                .node("Concat", List.of("h", "w"), "hw", Map.of("axis", Nodes.i(0)))
                .node("Cast", List.of("hw"), "fhw", Map.of("to", Nodes.i(1)))
                .node("Div", List.of("target", "fhw"), "ratios")
                .node("ReduceMax", List.of("ratios"), "r")
                .node("Concat", List.of("one", "r", "r", "one"), "scales", Map.of("axis", Nodes.i(0)))
                .node("Unsqueeze", List.of("img", "zero"), "x")
                .node("Resize", List.of("x", "", "scales"), "resized")
                .output("resized")
                .infer();
        assertArrayEquals(new long[] {640}, t.valuesOf("w").orElseThrow().longs());
        assertArrayEquals(
                new double[] {224.0 / 480}, t.valuesOf("r").orElseThrow().doubles(), 1e-6);
        org.junit.jupiter.api.Assertions.assertEquals(
                dev.modelcost.core.ir.Shape.of(1, 224, 298, 3),
                t.typeOf("resized").shape());
    }
}
