package dev.modelcost.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.modelcost.testdata.SmallOnnx.FLOAT;
import static dev.modelcost.testdata.SmallOnnx.FLOAT16;
import static dev.modelcost.testdata.SmallOnnx.INT32;
import static dev.modelcost.testdata.SmallOnnx.INT8;
import static dev.modelcost.testdata.SmallOnnx.UINT8;

/**
 * One small CNN exported three ways, as the exporters write them: x [1, 3, 8, 8] → Conv 3→4, 3×3, pad 1, with bias →
 * Relu → Flatten → a 256→10 linear layer with bias → y [1, 10]. Weights 4·3·3·3 + 10·256 = 2,668, biases 4 + 10 =
 * 14 in every form:
 * <ul>
 *   <li>{@link #fp16}: everything fp16, no Cast (Gemm with transB);
 *   <li>{@link #qdq}: fp32 activations through QuantizeLinear/DequantizeLinear (uint8), int8 weights dequantized per
 *       output channel (scale and zero point per channel, axis 0), int32 biases dequantized with scale = input scale
 *       × weight scale per channel, then the float Conv and Gemm;
 *   <li>{@link #qOperator}: QLinearConv (uint8 × int8 per channel, int32 bias), Relu between DequantizeLinear and
 *       QuantizeLinear, QLinearMatMul by an int8 [256, 10] weight with per-column scales, and its int32 bias
 *       dequantized and added to the dequantized product.
 * </ul>
 */
public final class QuantizedCnnOnnx {
    private static final long[] CONV_W = {4, 3, 3, 3};
    private static final long[] PADS = {1, 1, 1, 1};

    private QuantizedCnnOnnx() {}

    public static void fp16(Path file) throws IOException {
        new SmallOnnx("cnn_fp16", 13)
                .input("x", FLOAT16, 1, 3, 8, 8)
                .initializer("conv.weight", FLOAT16, CONV_W)
                .initializer("conv.bias", FLOAT16, 4)
                .initializer("fc.weight", FLOAT16, 10, 256)
                .initializer("fc.bias", FLOAT16, 10)
                .node("Conv", List.of("x", "conv.weight", "conv.bias"), "conv", "pads", PADS)
                .node("Relu", List.of("conv"), "relu")
                .node("Flatten", List.of("relu"), "flat")
                .node("Gemm", List.of("flat", "fc.weight", "fc.bias"), "y", "transB", 1L)
                .output("y", FLOAT16, 1, 10)
                .write(file);
    }

    public static void qdq(Path file) throws IOException {
        SmallOnnx m = new SmallOnnx("cnn_qdq", 13).input("x", FLOAT, 1, 3, 8, 8);
        activation(m, "x", "x_dq");
        perChannel(m, "conv.weight", CONV_W, 4);
        m.node("Conv", List.of("x_dq", "conv.weight_dq", "conv.bias_dq"), "conv", "pads", PADS)
                .node("Relu", List.of("conv"), "relu");
        activation(m, "relu", "relu_dq");
        perChannel(m, "fc.weight", new long[] {10, 256}, 10);
        m.node("Flatten", List.of("relu_dq"), "flat")
                .node("Gemm", List.of("flat", "fc.weight_dq", "fc.bias_dq"), "y", "transB", 1L)
                .output("y", FLOAT, 1, 10)
                .write(file);
    }

    public static void qOperator(Path file) throws IOException {
        SmallOnnx m = new SmallOnnx("cnn_qoperator", 13)
                .input("x", FLOAT, 1, 3, 8, 8)
                .positive("x_scale", FLOAT)
                .positive("x_zero_point", UINT8)
                .node("QuantizeLinear", List.of("x", "x_scale", "x_zero_point"), "x_q")
                .initializer("conv.weight_quantized", INT8, CONV_W)
                .positive("conv.weight_scale", FLOAT, 4)
                .positive("conv.weight_zero_point", INT8, 4)
                .positive("conv_scale", FLOAT)
                .positive("conv_zero_point", UINT8)
                .initializer("conv.bias_quantized", INT32, 4)
                .node(
                        "QLinearConv",
                        List.of(
                                "x_q",
                                "x_scale",
                                "x_zero_point",
                                "conv.weight_quantized",
                                "conv.weight_scale",
                                "conv.weight_zero_point",
                                "conv_scale",
                                "conv_zero_point",
                                "conv.bias_quantized"),
                        "conv_q",
                        "pads",
                        PADS)
                .node("DequantizeLinear", List.of("conv_q", "conv_scale", "conv_zero_point"), "conv")
                .node("Relu", List.of("conv"), "relu")
                .positive("relu_scale", FLOAT)
                .positive("relu_zero_point", UINT8)
                .node("QuantizeLinear", List.of("relu", "relu_scale", "relu_zero_point"), "relu_q")
                .node("Flatten", List.of("relu_q"), "flat_q")
                .initializer("fc.weight_quantized", INT8, 256, 10)
                .positive("fc.weight_scale", FLOAT, 10)
                .positive("fc.weight_zero_point", INT8, 10)
                .positive("fc_scale", FLOAT)
                .positive("fc_zero_point", UINT8)
                .node(
                        "QLinearMatMul",
                        List.of(
                                "flat_q",
                                "relu_scale",
                                "relu_zero_point",
                                "fc.weight_quantized",
                                "fc.weight_scale",
                                "fc.weight_zero_point",
                                "fc_scale",
                                "fc_zero_point"),
                        "fc_q")
                .node("DequantizeLinear", List.of("fc_q", "fc_scale", "fc_zero_point"), "fc")
                .initializer("fc.bias_quantized", INT32, 10)
                .positive("fc.bias_scale", FLOAT, 10)
                .node("DequantizeLinear", List.of("fc.bias_quantized", "fc.bias_scale"), "fc.bias", "axis", 0L)
                .node("Add", List.of("fc", "fc.bias"), "y")
                .output("y", FLOAT, 1, 10);
        m.write(file);
    }

    /** value → QuantizeLinear → DequantizeLinear (uint8, one scale and zero point): a QDQ pair on an activation. */
    private static void activation(SmallOnnx m, String value, String dequantized) {
        m.positive(value + "_scale", FLOAT)
                .positive(value + "_zero_point", UINT8)
                .node("QuantizeLinear", List.of(value, value + "_scale", value + "_zero_point"), value + "_q")
                .node("DequantizeLinear", List.of(value + "_q", value + "_scale", value + "_zero_point"), dequantized);
    }

    /** An int8 weight and its int32 bias, each dequantized per output channel (axis 0). */
    private static void perChannel(SmallOnnx m, String weight, long[] dims, long channels) {
        String layer = weight.substring(0, weight.indexOf('.'));
        m.initializer(weight + "_quantized", INT8, dims)
                .positive(weight + "_scale", FLOAT, channels)
                .positive(weight + "_zero_point", INT8, channels)
                .node(
                        "DequantizeLinear",
                        List.of(weight + "_quantized", weight + "_scale", weight + "_zero_point"),
                        weight + "_dq",
                        "axis",
                        0L)
                .initializer(layer + ".bias_quantized", INT32, channels)
                .positive(layer + ".bias_scale", FLOAT, channels)
                .node(
                        "DequantizeLinear",
                        List.of(layer + ".bias_quantized", layer + ".bias_scale"),
                        layer + ".bias_dq",
                        "axis",
                        0L);
    }

    /** Usage: QuantizedCnnOnnx FOLDER: writes cnn_fp16.onnx, cnn_qdq.onnx and cnn_qoperator.onnx there. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "."));
        fp16(dir.resolve("cnn_fp16.onnx"));
        qdq(dir.resolve("cnn_qdq.onnx"));
        qOperator(dir.resolve("cnn_qoperator.onnx"));
    }
}
