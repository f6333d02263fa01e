package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Quantization-aware parameters: MatMulNBits' packed weights count their logical K × N elements and their packed
 * bytes; scales and zero points have the quantization role; an int32 bias of QLinearConv stays a bias.
 */
class QuantizedParametersTest {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private void stored(String name, DType t, long bytes, long... dims) {
        tensors.put(
                name,
                Tensor.of(name, t, Shape.of(dims), new Storage(Storage.MODEL_FILE, 0, bytes, Storage.Encoding.RAW)));
    }

    private Report analyze(List<ValueInfo> inputs, Node node, String domain) {
        Graph g = new Graph("g", List.of(node), inputs, List.of(), tensors, Map.of(), Map.of("", 13, domain, 1));
        return new ModelAnalysis(OpRegistry.standard())
                .analyze(
                        new ImportedModel("onnx", "t.onnx", 0, g, List.of(), Map.of(), List.of()), Assumptions.DEFAULT);
    }

    @Test
    void twoBitMatMulNBitsCountsItsLogicalWeightsAndPackedBytes() {
        // K 256, N 64, bits 2, block 128: B uint8 [64, 2, 32] = 4,096 bytes holding 256 x 64 = 16,384 weights;
        // scales fp32 [64 x 2] = 128; zero points uint8 [64] (2 blocks x 2 bits, one byte per column)
        stored("B", DType.UINT8, 4096, 64, 2, 32);
        stored("scales", DType.FLOAT32, 512, 128);
        stored("zp", DType.UINT8, 64, 64);
        Node mm = new Node(
                "mm",
                "com.microsoft",
                "MatMulNBits",
                List.of("a", "B", "scales", "zp"),
                List.of("y"),
                Map.of(
                        "K",
                        new Attr.Int(256),
                        "N",
                        new Attr.Int(64),
                        "bits",
                        new Attr.Int(2),
                        "block_size",
                        new Attr.Int(128)));
        Report r = analyze(List.of(new ValueInfo("a", TensorType.of(DType.FLOAT32, 1, 3, 256))), mm, "com.microsoft");
        assertEquals(16384, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(128 + 64, r.parameters().role(TensorRole.QUANTIZATION));
        assertEquals(
                16384L * 4 + 512 + 64,
                r.parameters().logicalBytes(),
                "the weights as the fp32 the scales dequantize to");
        assertEquals(Map.of("MatMulNBits q2 block 128", 16384L), r.parameters().elementsByBlockFormat());
        assertEquals(3L * 256 * 64, r.macs());
        assertEquals(
                Shape.of(1, 3, 64),
                r.layers().get(r.layers().size() - 1).output().shape());
    }

    @Test
    void qLinearConvInt32BiasIsABiasAndItsScalesAreQuantizationParameters() {
        // x, x_scale, x_zp, w int8 [5, 10, 3], w_scale [5] per channel, w_zp [5], y_scale, y_zp, bias int32 [5]
        stored("xs", DType.FLOAT32, 4, 1);
        stored("xz", DType.UINT8, 1, 1);
        stored("w", DType.INT8, 150, 5, 10, 3);
        stored("ws", DType.FLOAT32, 20, 5);
        stored("wz", DType.INT8, 5, 5);
        stored("ys", DType.FLOAT32, 4, 1);
        stored("yz", DType.UINT8, 1, 1);
        stored("bias", DType.INT32, 20, 5);
        Node conv = new Node(
                "c",
                "",
                "QLinearConv",
                List.of("x", "xs", "xz", "w", "ws", "wz", "ys", "yz", "bias"),
                List.of("y"),
                Map.of());
        Report r = analyze(List.of(new ValueInfo("x", TensorType.of(DType.UINT8, 1, 10, 7))), conv, "com.microsoft");
        assertEquals(150, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(5, r.parameters().role(TensorRole.BIAS));
        assertEquals(1 + 1 + 5 + 5 + 1 + 1, r.parameters().role(TensorRole.QUANTIZATION));
        assertEquals(0, r.parameters().constantElements());
    }
}
