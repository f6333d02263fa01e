package dev.modelcost.core.ops.rules;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConvRuleTest {
    private final OpRegistry registry = OpRegistry.standard();

    @Test
    void sameConvolutionKeepsSpatialSize() {
        // VGG-16 block1_conv1: 3x3, pad 1, 3 -> 64 channels on 224x224 (Simonyan & Zisserman, table 1).
        var g = new TinyGraph()
                .input("x", 1, 3, 224, 224)
                .weight("w", 64, 3, 3, 3)
                .weight("b", 64)
                .node("Conv", List.of("x", "w", "b"), "y", Map.of("pads", TinyGraph.ints(1, 1, 1, 1)))
                .output("y")
                .build();
        InferredTypes t = ShapeInference.run(g, Assumptions.DEFAULT, registry);
        assertEquals(Shape.of(1, 64, 224, 224), t.typeOf("y").shape());
    }

    @Test
    void aKernelShapeOfTheWrongLengthIsUnknownWithADiagnosticNotACrash() {
        // A damaged file: kernel_shape names one axis for a 2-D convolution (DamagedFilesTest found it as an
        // ArrayIndexOutOfBoundsException). The output's shape is unknown and the reason is said.
        var g = new TinyGraph()
                .input("x", 1, 3, 224, 224)
                .weight("w", 64, 3, 3, 3)
                .node("Conv", List.of("x", "w"), "y", Map.of("kernel_shape", TinyGraph.ints(3)))
                .output("y")
                .build();
        InferredTypes t = ShapeInference.run(g, Assumptions.DEFAULT, registry);
        assertEquals(OptionalLong.empty(), t.typeOf("y").shape().elementCount(), "the output size is unknown");
        assertEquals(
                true,
                t.diagnostics().stream().anyMatch(d -> d.message().contains("kernel_shape has 1 values for 2")),
                t.diagnostics().toString());
    }

    @Test
    void stridedConvolutionFloorsTheOutput() {
        // ResNet stem: 7x7 stride 2 pad 3 on 224 -> 112.
        var g = new TinyGraph()
                .input("x", 1, 3, 224, 224)
                .weight("w", 64, 3, 7, 7)
                .node(
                        "Conv",
                        List.of("x", "w"),
                        "y",
                        Map.of("pads", TinyGraph.ints(3, 3, 3, 3), "strides", TinyGraph.ints(2, 2)))
                .output("y")
                .build();
        assertEquals(
                Shape.of(1, 64, 112, 112),
                ShapeInference.run(g, Assumptions.DEFAULT, registry).typeOf("y").shape());
    }

    @Test
    void maxPoolWithCeilModeRoundsUp() {
        // SqueezeNet 1.1: 3x3 stride 2 ceil_mode on 111 -> 55.
        var g = new TinyGraph()
                .input("x", 1, 64, 111, 111)
                .node(
                        "MaxPool",
                        List.of("x"),
                        "y",
                        Map.of(
                                "kernel_shape",
                                TinyGraph.ints(3, 3),
                                "strides",
                                TinyGraph.ints(2, 2),
                                "ceil_mode",
                                new dev.modelcost.core.ir.Attr.Int(1)))
                .output("y")
                .build();
        assertEquals(
                Shape.of(1, 64, 55, 55),
                ShapeInference.run(g, Assumptions.DEFAULT, registry).typeOf("y").shape());
    }

    @Test
    void reshapeResolvesMinusOneAndZero() {
        var g = new TinyGraph()
                .input("x", 2, 512, 7, 7)
                .ints("s", 0, -1)
                .node("Reshape", List.of("x", "s"), "y")
                .output("y")
                .build();
        assertEquals(
                Shape.of(2, 25088),
                ShapeInference.run(g, Assumptions.DEFAULT, registry).typeOf("y").shape());
    }

    @Test
    void shapeGatherConcatFeedReshape() {
        // The pattern exporters write for x.view(x.size(0), -1).
        var g = new TinyGraph()
                .input("x", 1, 512, 7, 7)
                .ints("zero", 0)
                .ints("minus1", -1)
                .node("Shape", List.of("x"), "s")
                .node("Gather", List.of("s", "zero"), "n")
                .node("Concat", List.of("n", "minus1"), "target", Map.of("axis", new dev.modelcost.core.ir.Attr.Int(0)))
                .node("Reshape", List.of("x", "target"), "y")
                .output("y")
                .build();
        assertEquals(
                Shape.of(1, 25088),
                ShapeInference.run(g, Assumptions.DEFAULT, registry).typeOf("y").shape());
    }
}
