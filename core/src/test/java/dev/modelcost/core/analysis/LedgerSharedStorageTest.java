package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LedgerSharedStorageTest {
    @Test
    void twoTensorsOnTheSameStoredBytesAreOnePayload() {
        // A 100-byte file: 40 bytes of one fp32 [10] payload that two tensors name, 60 bytes of framing.
        Storage shared = new Storage(Storage.MODEL_FILE, 20, 40, Storage.Encoding.RAW);
        Tensor a = new Tensor("a", DType.FLOAT32, Shape.of(10), TensorRole.WEIGHT, true, shared, null);
        Tensor b = new Tensor("b", DType.FLOAT32, Shape.of(10), TensorRole.WEIGHT, true, shared, null);
        Graph g = new Graph("g", List.of(), List.of(), List.of(), Map.of("a", a, "b", b), Map.of(), Map.of());
        ImportedModel m = new ImportedModel(
                "test",
                "m",
                100,
                g,
                List.of(FileSection.of(LedgerCategory.CONTAINER_OVERHEAD, "framing", 60)),
                Map.of(),
                List.of());
        Ledger ledger = LedgerBuilder.build(m, List.of(a, b));
        long parameterBytes = ledger.entries().stream()
                .filter(e -> e.category() == LedgerCategory.PARAMETERS)
                .mapToLong(e -> e.bytes())
                .sum();
        assertEquals(40, parameterBytes);
        assertEquals(0, ledger.unexplainedBytes());
    }
}
