package dev.modelcost.core.compare;

import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.report.LayerRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Layers of one model in two formats, names differing: matched by schedule position and op family. */
class LayerAlignmentTest {

    private static LayerRow row(String name, String op, long params, long macs) {
        return new LayerRow(name, op, TensorType.UNKNOWN, 0, params, params, 0, macs);
    }

    // An ONNX export (Conv, Relu, Gemm) and a Keras file (Conv2D, Activation, Dense) of the same two-layer net:
    // 3x3 conv 3->8 on 8x8 "same" = 8*3*9 + 8 = 224 parameters, 8*3*9*64 = 13,824 MACs; dense 512->10 = 5,130 / 5,120.
    private static final List<LayerRow> ONNX = List.of(
            row("input", "-", 0, 0),
            row("/conv/Conv", "Conv", 224, 13_824),
            row("/relu/Relu", "Relu", 0, 0),
            row("/flatten/Flatten", "Flatten", 0, 0),
            row("/fc/Gemm", "Gemm", 5_130, 5_120));
    private static final List<LayerRow> KERAS = List.of(
            row("input_1", "-", 0, 0),
            row("conv2d", "Conv2D", 224, 13_824),
            row("activation", "Activation", 0, 0),
            row("flatten", "Flatten", 0, 0),
            row("dense", "Dense", 5_130, 5_120));

    @Test
    void sameFamiliesInTheSameOrderArePairedAndAgree() {
        assertEquals(
                new LayerMatch.ByPosition(
                        List.of(new LayerMatch.FamilyCount("conv", 1), new LayerMatch.FamilyCount("dense", 1)),
                        2,
                        List.of()),
                LayerAlignment.byPosition(ONNX, KERAS));
    }

    @Test
    void aPairThatDiffersIsNamedWithItsDeltas() {
        List<LayerRow> wider = List.of(KERAS.get(1), row("dense", "Dense", 5_140, 5_130));
        LayerMatch.ByPosition m = (LayerMatch.ByPosition) LayerAlignment.byPosition(ONNX, wider);
        assertEquals(List.of(new LayerMatch.ChangedPair("/fc/Gemm", "dense", 10, 10)), m.changed());
    }

    @Test
    void differentCountsOrFamiliesAreNotMatched() {
        assertEquals(
                new LayerMatch.CountsDiffer(
                        2,
                        List.of(new LayerMatch.FamilyCount("conv", 1), new LayerMatch.FamilyCount("dense", 1)),
                        1,
                        List.of(new LayerMatch.FamilyCount("conv", 1))),
                LayerAlignment.byPosition(ONNX, KERAS.subList(0, 2)));
        assertEquals(
                new LayerMatch.FamiliesDiffer(1, 2, "conv", "/conv/Conv", "Conv", "dense", "d0", "Dense"),
                LayerAlignment.byPosition(ONNX, List.of(row("d0", "Dense", 224, 0), KERAS.get(4))));
    }

    @Test
    void familiesAcrossFormats() {
        for (String conv : List.of("Conv", "Conv2D", "ConvolutionLayer", "Convolution2D", "SeparableConv2D")) {
            assertEquals("conv", LayerAlignment.family(conv), conv);
        }
        for (String dense : List.of("Gemm", "MatMul", "Dense", "DenseLayer", "OutputLayer")) {
            assertEquals("dense", LayerAlignment.family(dense), dense);
        }
        assertEquals("lstm", LayerAlignment.family("ConvLSTM2D"));
        assertEquals("conv-transpose", LayerAlignment.family("ConvTranspose"));
        assertEquals(
                "dense",
                LayerAlignment.family("RnnOutputLayer"),
                "a dense layer applied per time step, not a recurrence");
    }

    @Test
    void aNameThatOnlyContainsAFamilyWordIsItsOwnFamily() {
        assertEquals("myconvblock", LayerAlignment.family("MyConvBlock"));
        assertEquals("bidirectional", LayerAlignment.family("Bidirectional"));
    }
}
