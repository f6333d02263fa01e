package dev.modelcost.core.compare;

import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.report.LayerRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers of one model in two formats, names differing: matched by schedule position and op family. */
class LayerAlignmentTest {

    private static LayerRow row(String name, String op, long params, long macs) {
        return new LayerRow(name, op, TensorType.UNKNOWN, 0, params, params, 0, macs);
    }

    // An ONNX export (Conv, Relu, Gemm) and a Keras file (Conv2D, Activation, Dense) of the same two-layer net:
    // 3x3 conv 3->8 on 8x8 "same" = 8*3*9 + 8 = 224 parameters, 8*3*9*64 = 13,824 MACs; dense 512->10 = 5,130 / 5,120.
    private static final List<LayerRow> ONNX = List.of(row("input", "-", 0, 0), row("/conv/Conv", "Conv", 224, 13_824),
            row("/relu/Relu", "Relu", 0, 0), row("/flatten/Flatten", "Flatten", 0, 0), row("/fc/Gemm", "Gemm", 5_130, 5_120));
    private static final List<LayerRow> KERAS = List.of(row("input_1", "-", 0, 0), row("conv2d", "Conv2D", 224, 13_824),
            row("activation", "Activation", 0, 0), row("flatten", "Flatten", 0, 0), row("dense", "Dense", 5_130, 5_120));

    @Test
    void sameFamiliesInTheSameOrderArePairedAndSaidToAgree() {
        String s = LayerAlignment.byPosition(ONNX, KERAS).orElseThrow();
        assertEquals("no layer name is shared, so layers with parameters are matched by schedule position and op family: "
                + "2 pairs (conv x1, dense x1), each with the same parameters and MACs", s);
    }

    @Test
    void aPairThatDiffersIsNamedWithItsDeltas() {
        List<LayerRow> wider = List.of(KERAS.get(1), row("dense", "Dense", 5_140, 5_130));
        String s = LayerAlignment.byPosition(ONNX, wider).orElseThrow();
        assertTrue(s.endsWith("1 pairs differ, first: /fc/Gemm ~ dense parameters +10, MACs +10"), s);
    }

    @Test
    void differentCountsOrFamiliesAreNotMatchedAndSaySo() {
        String counts = LayerAlignment.byPosition(ONNX, KERAS.subList(0, 2)).orElseThrow();
        assertTrue(counts.endsWith("not matched, A has 2 such layers (conv x1, dense x1), B has 1 (conv x1)"), counts);
        String families = LayerAlignment.byPosition(ONNX, List.of(row("d0", "Dense", 224, 0), KERAS.get(4))).orElseThrow();
        assertTrue(families.endsWith("position 1 of 2 is conv in A (/conv/Conv, Conv) and dense in B (d0, Dense)"), families);
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
        assertEquals("dense", LayerAlignment.family("RnnOutputLayer"), "a dense layer applied per time step, not a recurrence");
    }

    @Test
    void aNameThatOnlyContainsAFamilyWordIsItsOwnFamily() {
        assertEquals("myconvblock", LayerAlignment.family("MyConvBlock"));
        assertEquals("bidirectional", LayerAlignment.family("Bidirectional"));
    }
}
