package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.ParameterRoles;
import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fp16, QDQ and QOperator exports of one CNN report the same weights and biases, with scales and zero points
 * under the quantization role. By hand: Conv 3→4, 3×3: 4·3·3·3 = 108 weights + 4 biases; linear 256→10: 2,560
 * weights + 10 biases; 2,668 weights and 14 biases. MACs: Conv 4·8·8 outputs × 3·3·3 = 6,912, linear 2,560; 9,472.
 */
class QuantizedCnnOnnxTest {
    private static final long WEIGHTS = 4 * 3 * 3 * 3 + 256 * 10;
    private static final long BIASES = 4 + 10;
    private static final long MACS = 4 * 8 * 8 * 3 * 3 * 3 + 256 * 10;

    @TempDir
    Path dir;

    private interface Writer {
        void write(Path file) throws IOException;
    }

    private Report inspect(String name, Writer w) throws Exception {
        Path f = dir.resolve(name);
        w.write(f);
        return ModelCost.standard().inspect(f, dev.modelcost.core.analysis.Assumptions.DEFAULT);
    }

    private Map<String, Tensor> roles(String name) throws Exception {
        try (FileSource s = FileSource.open(dir.resolve(name))) {
            return ParameterRoles.resolve(ModelCost.standard().load(s).graph(), OpRegistry.standard());
        }
    }

    @Test
    void everyExportHasTheSameWeightsBiasesAndMacs() throws Exception {
        for (Report r : List.of(
                inspect("fp16.onnx", QuantizedCnnOnnx::fp16),
                inspect("qdq.onnx", QuantizedCnnOnnx::qdq),
                inspect("qoperator.onnx", QuantizedCnnOnnx::qOperator))) {
            String file = r.model().path();
            assertEquals(WEIGHTS, r.parameters().role(TensorRole.WEIGHT), file + " weights");
            assertEquals(BIASES, r.parameters().role(TensorRole.BIAS), file + " biases");
            assertEquals(0, r.parameters().role(TensorRole.OTHER_PARAMETER), file + " other");
            assertEquals(MACS, r.macs(), file + " MACs");
            assertEquals(true, r.macsComplete(), file);
        }
    }

    /**
     * QDQ: x and the Relu output have a scale and a zero point each (4); each layer a scale and a zero point per
     * output channel for its weight and a scale per channel for its bias (3 × 4 + 3 × 10 = 42): 46. QOperator: the
     * same per-channel 4 + 4 + 10 + 10 + bias scales 10, and a scale and a zero point for x, the Conv output, the
     * Relu output and the MatMul output (8): 46.
     */
    @Test
    void scalesAndZeroPointsAreQuantizationNumbers() throws Exception {
        inspect("fp16.onnx", QuantizedCnnOnnx::fp16);
        Report qdq = inspect("qdq.onnx", QuantizedCnnOnnx::qdq);
        Report qop = inspect("qoperator.onnx", QuantizedCnnOnnx::qOperator);
        assertEquals(46, qdq.parameters().role(TensorRole.QUANTIZATION));
        assertEquals(46, qop.parameters().role(TensorRole.QUANTIZATION));
        List<String> wrong = new ArrayList<>();
        for (String file : List.of("fp16.onnx", "qdq.onnx", "qoperator.onnx")) {
            for (Tensor t : roles(file).values()) {
                String n = t.name();
                TensorRole want = n.endsWith("_scale") || n.endsWith("_zero_point")
                        ? TensorRole.QUANTIZATION
                        : n.contains("bias") ? TensorRole.BIAS : TensorRole.WEIGHT;
                if (t.declaredRole() != want) {
                    wrong.add(file + " " + n + " " + t.declaredRole());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
