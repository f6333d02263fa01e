package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.ParameterSummary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small PyTorch 1.13 exports (resources/torch/, written by the script beside them) against torch's own
 * named_parameters and named_buffers: Linear on rank-3 inputs as MatMul + Add, attention's packed in-projection,
 * LayerNorm op by op, GroupNorm as InstanceNormalization + affine, an embedding, RNNs with expanded zero initial
 * states, BatchNorm, PReLU. Every parameter gets torch's role; exporter literals and initial states are not
 * parameters; what the file stores beyond torch's parameters is what the onnx package finds there.
 */
class TorchExportRolesTest {
    @ParameterizedTest
    @ValueSource(strings = {"transformer_encoder", "embedding_lstm", "bidirectional_gru", "conv_norms"})
    void parametersSplitAsTorchCountsThem(String name) throws Exception {
        Path dir = Path.of(TorchExportRolesTest.class
                        .getResource("/torch/" + name + ".onnx")
                        .toURI())
                .getParent();
        JsonNode truth =
                new ObjectMapper().readTree(dir.resolve(name + ".truth.json").toFile());
        ParameterSummary p =
                ModelCost.standard().inspect(dir.resolve(name + ".onnx")).parameters();
        JsonNode roles = truth.get("torch_params_by_role");
        long instanceNormConstants = truth.get("onnx_instance_norm_constants").asLong();
        long statistics = truth.get("torch_norm_statistics").asLong();
        assertEquals(roles.get("weight").asLong(), p.role(TensorRole.WEIGHT), "weights");
        assertEquals(roles.get("bias").asLong(), p.role(TensorRole.BIAS), "biases");
        assertEquals(
                roles.get("normScaleShift").asLong() + instanceNormConstants,
                p.role(TensorRole.NORM_SCALE_SHIFT),
                "norm scale/shift (GroupNorm's affine, and the exporter's InstanceNormalization ones and zeros)");
        assertEquals(statistics, p.role(TensorRole.NORM_STATISTIC), "BatchNorm running statistics");
        assertEquals(roles.get("other").asLong(), p.role(TensorRole.OTHER_PARAMETER), "other (PReLU's slope)");
        assertEquals(truth.get("torch_params_total").asLong() + statistics + instanceNormConstants, p.total());
    }
}
