package dev.modelcost.core.analysis;

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
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Anchor boxes a detector decodes against are buffers: stored, in the ledger, not parameters. */
class AnchorBuffersTest {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private long offset;

    private void stored(String name, long... dims) {
        Shape s = Shape.of(dims);
        long bytes = 4 * s.elementCount().getAsLong();
        tensors.put(
                name,
                Tensor.of(
                        name, DType.FLOAT32, s, new Storage(Storage.MODEL_FILE, offset, bytes, Storage.Encoding.RAW)));
        offset += bytes;
    }

    @Test
    void priorsAreCountedAsBufferConstantsAndTheConvWeightAsTheParameters() {
        // Conv 3 -> 4 channels, 1x1 kernel: 12 weights + 4 biases. The head [1, 4, 2, 4] is read as 8 points x 2
        // coordinates x 2 (sizes, centres); priors [1, 8, 2] twice: 32 buffer elements, 128 bytes.
        stored("w", 4, 3, 1, 1);
        stored("b", 4);
        stored("sizes", 1, 8, 2);
        stored("centres", 1, 8, 2);
        tensors.put(
                "to",
                new Tensor(
                        "to",
                        DType.INT64,
                        Shape.of(3),
                        null,
                        null,
                        new Storage(Storage.MODEL_FILE, offset, 24, Storage.Encoding.RAW),
                        dev.modelcost.core.ir.ConstantValues.ofLongs(1, 8, 2)));
        List<Node> nodes = List.of(
                new Node("head", "", "Conv", List.of("x", "w", "b"), List.of("h"), Map.of()),
                new Node("flat", "", "Reshape", List.of("h", "to"), List.of("d"), Map.of()),
                new Node("scale", "", "Mul", List.of("d", "sizes"), List.of("ds"), Map.of()),
                new Node("shift", "", "Add", List.of("ds", "centres"), List.of("boxes"), Map.of()));
        Graph g = new Graph(
                "g",
                nodes,
                List.of(new ValueInfo("x", TensorType.of(DType.FLOAT32, 1, 3, 2, 2))),
                List.of(new ValueInfo("boxes", TensorType.UNKNOWN)),
                tensors,
                Map.of(),
                Map.of("", 13));
        Report r = new ModelAnalysis(OpRegistry.standard())
                .analyze(
                        new ImportedModel("onnx", "t.onnx", offset + 24, g, List.of(), Map.of(), List.of()),
                        Assumptions.DEFAULT);
        assertEquals(12 + 4, r.parameters().total());
        assertEquals(12, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(4, r.parameters().role(TensorRole.BIAS));
        assertEquals(32, r.parameters().bufferElements());
        assertEquals(128, r.parameters().bufferBytes());
        assertEquals(32 + 3, r.parameters().constantElements(), "buffers and the Reshape target");
        LedgerEntry buffers = r.ledger().entries().stream()
                .filter(e -> e.detail().equals("buffer fp32"))
                .findFirst()
                .orElseThrow();
        assertEquals(LedgerCategory.CONSTANTS, buffers.category());
        assertEquals(128, buffers.bytes());
        assertEquals(2, buffers.count());
    }
}
