package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dl4j domain is found through ServiceLoader, with the memory behaviour each op family has. */
class Dl4jRulesTest {
    private final OpRegistry registry = OpRegistry.standard();

    private Allocation allocation(String op) {
        return registry.find("dl4j", op, 1)
                .orElseThrow(() -> new AssertionError("no rule for " + op))
                .allocation();
    }

    @Test
    void registeredThroughServiceLoader() {
        assertTrue(registry.find("dl4j", "DenseLayer", 1).isPresent());
        assertTrue(registry.find("dl4j", "CustomLayer", 1).isEmpty(), "custom classes stay unknown operators");
        assertTrue(registry.find("", "DenseLayer", 13).isEmpty(), "nothing leaks into the ONNX domain");
    }

    @Test
    void allocations() {
        assertEquals(Allocation.IN_PLACE, allocation("ActivationLayer"));
        assertEquals(Allocation.VIEW, allocation("DropoutLayer"));
        assertEquals(Allocation.VIEW, allocation("CnnToFeedForwardPreProcessor"));
        assertEquals(Allocation.VIEW, allocation("RnnToFeedForwardPreProcessor"));
        assertEquals(Allocation.NEW, allocation("ConvolutionLayer"));
        assertEquals(Allocation.NEW, allocation("LSTM"));
        var dropout = registry.find("dl4j", "DropoutLayer", 1).orElseThrow();
        var node = new dev.modelcost.core.ir.Node("d", "dl4j", "DropoutLayer", List.of("x"), List.of("y"), Map.of());
        assertEquals(Allocation.NEW, dropout.trainingAllocation(node), "training dropout writes a masked copy");
        assertEquals(8, dropout.savedForBackward(node).auxBitsPerOutputElement());
    }
}
