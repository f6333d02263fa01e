package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PyTorch export traced with 10 samples ([10, 1, 28, 28] in, [10, 10] out) is reported at batch 10 with
 * per-sample figures. Oracle: the truth file's shapes (onnx shape inference) and the Conv/Gemm MAC formula
 * written out here from them.
 */
class FileBatchAxisTest {
    private static final Path FILE = Path.of("onnx/dl4j-test-resources/onnx_graphs__output_cnn_mnist.onnx");

    /**
     * Per sample, from the truth's value_info shapes and the weights' sizes (400 = 16 × 1 × 5 × 5, 12,800 =
     * 32 × 16 × 5 × 5): conv1 16×28×28 outputs × (1 × 5×5) = 313,600; conv2 32×14×14 outputs × (16 × 5×5) =
     * 2,508,800; Gemm 10 outputs × 1,568 = 15,680. Sum 2,838,080.
     */
    private static final long MACS_PER_SAMPLE = 313_600 + 2_508_800 + 15_680;

    @Test
    void theStoredBatchIsTheReportsBatch() throws Exception {
        Path file = Corpus.root().resolve(FILE);
        JsonNode truth = Corpus.truth(Path.of(file.toString().replace(".onnx", ".truth.json")));
        long stored = truth.at("/onnx/graph_inputs/0/shape/0").asLong();
        assertEquals(10, stored);
        Report r = ModelCost.standard().inspect(file);
        assertEquals(stored, r.assumptions().batch());
        assertEquals(MACS_PER_SAMPLE, r.macs());
        assertEquals("[10, 10]", r.outputs().get(0).type().shape().toString());
    }

    /**
     * The export folded the batch into its Reshape target ([10, -1], a Constant): re-batched to 4, the convolutions
     * keep their per-sample MACs, and the Reshape that cannot follow is named rather than silently kept.
     */
    @Test
    void aGivenBatchRebatchesAndNamesWhatTheFileFixesElsewhere() throws Exception {
        Report r = ModelCost.standard().inspect(Corpus.root().resolve(FILE), Assumptions.DEFAULT.withBatch(4));
        assertEquals(4, r.assumptions().batch());
        assertEquals(
                313_600L,
                r.layers().stream()
                        .filter(l -> l.name().equals("Conv_0"))
                        .findFirst()
                        .orElseThrow()
                        .macs());
        assertEquals(
                2_508_800L,
                r.layers().stream()
                        .filter(l -> l.name().equals("Conv_3"))
                        .findFirst()
                        .orElseThrow()
                        .macs());
        assertEquals(
                "[4, 16, 28, 28]",
                r.layers().stream()
                        .filter(l -> l.name().equals("Conv_0"))
                        .findFirst()
                        .orElseThrow()
                        .output()
                        .shape()
                        .toString());
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("Reshape_13")),
                r.diagnostics().toString());
    }
}
