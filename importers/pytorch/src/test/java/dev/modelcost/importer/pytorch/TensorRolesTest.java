package dev.modelcost.importer.pytorch;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's role-from-name convention, key by key (PyTorch's module attribute names are the oracle). */
class TensorRolesTest {
    private static TensorRole role(List<String> keys, DType dtype, int rank, String... normModules) {
        return TensorRoles.of(keys, dtype, rank, Set.of(normModules));
    }

    @Test
    void weightsAndBiasesOfLayers() {
        assertEquals(TensorRole.WEIGHT, role(List.of("conv1.weight"), DType.FLOAT32, 4));
        assertEquals(TensorRole.BIAS, role(List.of("model", "fc.bias"), DType.FLOAT32, 1));
        assertEquals(
                TensorRole.WEIGHT, role(List.of("classifier.weight"), DType.INT8, 2), "an int8 weight is a weight");
    }

    @Test
    void batchNormsAreToldByTheirRunningStatistics() {
        assertEquals(
                TensorRole.NORM_SCALE_SHIFT,
                role(List.of("model", "features.1.weight"), DType.FLOAT32, 1, "model.features.1"));
        assertEquals(TensorRole.NORM_STATISTIC, role(List.of("features.1.running_var"), DType.FLOAT32, 1));
        assertEquals(TensorRole.CONSTANT, role(List.of("features.1.num_batches_tracked"), DType.INT64, 0));
        assertEquals("model.features.1", TensorRoles.normModuleOf(List.of("model", "features.1.running_mean")));
    }

    @Test
    void normsByNameAndWholePickledModules() {
        assertEquals(TensorRole.NORM_SCALE_SHIFT, role(List.of("encoder.layer_norm.weight"), DType.FLOAT32, 1));
        assertEquals(TensorRole.WEIGHT, role(List.of("_modules", "fc", "_parameters", "weight"), DType.FLOAT32, 2));
        assertEquals(TensorRole.OTHER_PARAMETER, role(List.of("pos_embedding"), DType.FLOAT32, 3));
        assertEquals(TensorRole.CONSTANT, role(List.of("position_ids"), DType.INT64, 2));
    }
}
