package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /**
     * ResNet-18 as torchvision exports it ([1, 3, 224, 224] in, [1, 1000] out): --batch 8 re-batches the file's batch of
     * 1, so the shapes are for 8 samples while the MACs stay the truth's per-sample figure.
     */
    @Test
    void aFileBatchOfOneIsRebatchedByTheGivenBatch() throws Exception {
        Path file = Corpus.root().resolve("onnx/torchvision/resnet18_external.onnx");
        JsonNode truth = Corpus.truth(Corpus.root().resolve("onnx/torchvision/resnet18_external.truth.json"));
        assertEquals("[1,3,224,224]", truth.at("/onnx/graph_inputs/0/shape").toString());
        assertEquals("[1,1000]", truth.at("/onnx/graph_outputs/0/shape").toString());
        Report one = ModelCost.standard().inspect(file);
        Report eight = ModelCost.standard().inspect(file, Assumptions.DEFAULT.withBatch(8));
        assertEquals(1, one.shapeSamples());
        assertEquals("[1, 3, 224, 224]", one.inputs().get(0).type().shape().toString());
        assertEquals(8, eight.shapeSamples());
        assertEquals("[8, 3, 224, 224]", eight.inputs().get(0).type().shape().toString());
        assertEquals("[8, 1000]", eight.outputs().get(0).type().shape().toString());
        assertEquals(truth.get("macs").asLong(), eight.macs(), "per sample");
        assertEquals(3 * 224 * 224, eight.inputs().get(0).elementsPerSample());
        assertEquals(
                one.activations().layerOutputElements(), eight.activations().layerOutputElements());
        assertEquals(8 * one.activations().peakLiveBytes(), eight.activations().peakLiveBytes());
    }

    /**
     * CNTK's MNIST folds its batch of 1 into a Reshape target: re-batched, that Reshape would mix the batch into a
     * feature axis, so the shapes stay as declared (the truth's) and the figures per sample are the MAC oracle's.
     */
    @Test
    void aBatchOfOneFoldedIntoAReshapeIsNotRebatched() throws Exception {
        Path file = Corpus.root().resolve("onnx/real/mnist_cntk.onnx");
        JsonNode truth = Corpus.truth(Corpus.root().resolve("onnx/real/mnist_cntk.onnx.truth.json"));
        Report r = ModelCost.standard().inspect(file, Assumptions.DEFAULT.withBatch(3));
        assertEquals(1, r.shapeSamples());
        assertEquals(
                truth.at("/graph_inputs/0/shape").toString(),
                r.inputs().get(0).type().shape().toString().replace(" ", ""));
        assertEquals(
                truth.at("/graph_outputs/0/shape").toString(),
                r.outputs().get(0).type().shape().toString().replace(" ", ""));
        assertEquals(truth.at("/macs_oracle/total").asLong(), r.macs());
        assertTrue(
                r.diagnostics().stream()
                        .anyMatch(d -> d.message().contains("(Reshape) fold(s) it")
                                && d.message().contains("shapes are shown for one sample")),
                r.diagnostics().toString());
    }

    /** A decoder's cache [2, 1, heads, L, head] beside tokens [1, 7]: no common leading size, nothing marked. */
    @Test
    void aCacheWhoseLeadingAxisIsNotTheBatchLeavesTheGraphUnmarked() {
        Graph g = graph(
                List.of(value("ids", 1, 7), value("past", 2, 1, 4, 16, 8)),
                List.of(value("logits", 1, 7, 100), value("present", 2, 1, 4, 17, 8)),
                List.of());
        assertTrue(FileBatchAxis.mark(g).inputs().stream().allMatch(v -> v.batchAxis() < 0));
    }

    /** An input the graph unsqueezes at axis 0 gets its batch axis there: its own leading 1 is not the batch. */
    @Test
    void anInputUnsqueezedAtAxisZeroIsNotMarked() {
        Node unsqueeze =
                new Node("u", "", "Unsqueeze", List.of("x"), List.of("y"), Map.of("axes", new Attr.Ints(List.of(0L))));
        Graph g = graph(List.of(value("x", 1, 10)), List.of(value("y", 1, 1, 10)), List.of(unsqueeze));
        assertTrue(FileBatchAxis.mark(g).inputs().stream().allMatch(v -> v.batchAxis() < 0));
        Graph plain = graph(List.of(value("x", 1, 10)), List.of(value("y", 1, 10)), List.of());
        assertEquals(0, FileBatchAxis.mark(plain).inputs().get(0).batchAxis());
    }

    private static ValueInfo value(String name, long... dims) {
        return new ValueInfo(name, TensorType.of(DType.FLOAT32, dims));
    }

    private static Graph graph(List<ValueInfo> inputs, List<ValueInfo> outputs, List<Node> nodes) {
        return new Graph("g", nodes, inputs, outputs, Map.of(), Map.of(), Map.of("", 13));
    }
}
