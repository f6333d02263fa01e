package dev.modelcost.testdata;

import dev.modelcost.testsupport.ort.OnnxRuntimeNode;
import dev.modelcost.testsupport.ort.OrtComparison;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ONNX Runtime runs the quantized models this module generates, and the output shapes it produces equal modelcost's:
 * the CNN as fp16, QDQ and QOperator ({@link QuantizedCnnOnnx}), a com.microsoft GatherBlockQuantized lookup of
 * [2, 3] ids in a 4-bit table (no published file has one) and a small 4-bit MatMulNBits decoder
 * ({@link NBitsDecoderOnnx}, the layout of the speed check's 104 MB model). Tagged "oracle": run with -Poracles.
 */
@Tag("oracle")
class GeneratedOnnxRuntimeOracleTest {
    @TempDir
    Path dir;

    @Test
    void onnxRuntimeRunsEveryGeneratedModelWithTheInferredOutputShapes() throws Exception {
        Path ort = OnnxRuntimeNode.installed();
        QuantizedCnnOnnx.fp16(dir.resolve("cnn_fp16.onnx"));
        QuantizedCnnOnnx.qdq(dir.resolve("cnn_qdq.onnx"));
        QuantizedCnnOnnx.qOperator(dir.resolve("cnn_qoperator.onnx"));
        NBitsDecoderOnnx.lookup(dir.resolve("gather_block_quantized.onnx"), 50, 64, 2, 3, 32);
        NBitsDecoderOnnx.write(dir.resolve("nbits_decoder.onnx"), 64, 64, 2, 16, 32);
        List<String> problems = new ArrayList<>();
        for (String name : List.of(
                "cnn_fp16.onnx",
                "cnn_qdq.onnx",
                "cnn_qoperator.onnx",
                "gather_block_quantized.onnx",
                "nbits_decoder.onnx")) {
            OrtComparison c = OrtComparison.of(dir.resolve(name), Map.of(), 1L, ort);
            System.out.printf("%-30s %s%n", name, c.outcome());
            if (!c.outcome().equals(OrtComparison.AGREE)) {
                problems.add(name + ": " + c.outcome());
            }
        }
        assertEquals(List.of(), problems);
    }
}
