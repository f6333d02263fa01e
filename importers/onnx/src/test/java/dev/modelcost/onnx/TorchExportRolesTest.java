package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A PyTorch 1.13 export of a small TransformerEncoder (resources/torch/, written by the script beside it) against
 * torch's own named_parameters: Linear on rank-3 inputs exported as MatMul + Add, attention's packed in-projection,
 * and LayerNorm written op by op. Every parameter gets torch's role, and the exporter's scalar literals (epsilons,
 * the 2 of Pow, 1/sqrt(d)) are not counted as parameters.
 */
class TorchExportRolesTest {
    @Test
    void transformerEncoderParametersSplitAsTorchCountsThem() throws Exception {
        Path dir = Path.of(TorchExportRolesTest.class.getResource("/torch/transformer_encoder.onnx").toURI()).getParent();
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("transformer_encoder.truth.json").toFile());
        Report r = ModelCost.standard().inspect(dir.resolve("transformer_encoder.onnx"));
        JsonNode roles = truth.get("params_by_role");
        assertEquals(truth.get("params_total").asLong(), r.parameters().total());
        assertEquals(roles.get("weight").asLong(), r.parameters().role(TensorRole.WEIGHT));
        assertEquals(roles.get("bias").asLong(), r.parameters().role(TensorRole.BIAS));
        assertEquals(roles.get("normScaleShift").asLong(), r.parameters().role(TensorRole.NORM_SCALE_SHIFT));
        assertEquals(0, r.parameters().role(TensorRole.OTHER_PARAMETER));
        JsonNode out = truth.get("output_shape");
        assertEquals(Shape.of(out.get(0).asLong(), out.get(1).asLong(), out.get(2).asLong()), r.outputs().get(0).type().shape());
    }
}
