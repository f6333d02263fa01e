package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PyTorch and other real ONNX exports of the shared corpus against their truth files. */
class OnnxCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {"squeezenet1_1", "mobilenet_v2", "resnet18_external", "resnet18_fp16"})
    void torchvisionExportsMatchTheirTruth(String name) throws Exception {
        Path dir = Corpus.root().resolve("onnx/torchvision");
        JsonNode truth = Corpus.truth(dir.resolve(name + ".truth.json"));
        Report r = ModelCost.standard().inspect(dir.resolve(name + ".onnx"));
        JsonNode onnx = truth.get("onnx");
        assertEquals(onnx.get("initializer_elements").asLong(), r.parameters().total(), "stored initializer elements");
        assertEquals(truth.get("macs").asLong(), r.macs(), "MACs (Conv2d + Linear, torch hooks)");
        assertEquals(Shape.of(1, 1000), r.outputs().get(0).type().shape());
        assertEquals(0, r.ledger().unexplainedBytes(), "every byte explained");
        long payload = r.ledger().bytesIn(LedgerCategory.PARAMETERS)
                + r.ledger().bytesIn(LedgerCategory.CONSTANTS)
                + r.ledger().bytesIn(LedgerCategory.DUPLICATES); // copies of identical tensors are payloads too
        assertEquals(
                onnx.get("initializer_bytes_numpy_nbytes").asLong()
                        + onnx.get("constant_node_tensors").get("bytes").asLong(),
                payload,
                "initializer + Constant-node payload bytes");
        assertEquals(onnx.get("file_size_bytes").asLong(), r.model().fileBytes());
        assertTrue(r.activations().complete());
    }

    @Test
    void externalDataIsCountedFromTheDataFile() throws Exception {
        Path dir = Corpus.root().resolve("onnx/torchvision");
        JsonNode truth = Corpus.truth(dir.resolve("resnet18_external.truth.json"))
                .get("onnx")
                .get("external_data");
        Report r = ModelCost.standard().inspect(dir.resolve("resnet18_external.onnx"));
        assertEquals(
                truth.get("external_files").get("resnet18.onnx.data").asLong(),
                r.ledger().externalBytes());
    }

    @Test
    void everyOtherCorpusExportImportsWithItsDeclaredOutputShapes() throws Exception {
        Path dir = Corpus.root().resolve("onnx/dl4j-test-resources");
        List<Path> models;
        try (Stream<Path> s = Files.list(dir)) {
            models = s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
        }
        assertEquals(3, models.size(), "corpus files discovered");
        List<String> failures = new ArrayList<>();
        for (Path m : models) {
            JsonNode truth = Corpus.truth(Path.of(m.toString().replace(".onnx", ".truth.json")))
                    .get("onnx");
            Report r = ModelCost.standard().inspect(m);
            if (r.parameters().total() + r.parameters().constantElements()
                    != truth.get("initializer_elements").asLong()
                            + truth.get("constant_node_tensors").get("elements").asLong()) {
                failures.add(
                        m.getFileName() + ": stored elements " + r.parameters().total());
            }
            JsonNode out = truth.get("graph_outputs").get(0).get("shape");
            Shape got = r.outputs().get(0).type().shape();
            for (int i = 0; i < out.size(); i++) {
                Dim d = got.dim(i);
                if (!d.isFixed() || d.size() != out.get(i).asLong()) {
                    failures.add(m.getFileName() + ": output " + got + " vs " + out);
                    break;
                }
            }
            if (r.ledger().unexplainedBytes() != 0) {
                failures.add(m.getFileName() + ": unexplained " + r.ledger().unexplainedBytes());
            }
        }
        assertEquals(List.of(), failures);
    }
}
