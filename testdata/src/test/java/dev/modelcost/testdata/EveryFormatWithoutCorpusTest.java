package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fresh clone, without the corpus, still runs every importer end to end: each format's small generated file
 * goes through {@code ModelCost.standard()} (format told by content) and its parameters, derived by hand in
 * the generators, come back split into weights and biases, with a ledger that accounts for the whole file.
 */
class EveryFormatWithoutCorpusTest {
    @TempDir
    Path dir;

    private static Report inspect(Path f, String format) throws Exception {
        Report r = ModelCost.standard().inspect(f);
        assertEquals(format, r.model().format());
        assertEquals(Files.size(f), r.model().fileBytes());
        assertEquals(
                Files.size(f),
                r.ledger().entries().stream().mapToLong(LedgerEntry::bytes).sum(),
                "ledger entries sum to the file size");
        return r;
    }

    private static void assertParameters(Report r, long weights, long biases) {
        assertEquals(weights + biases, r.parameters().total());
        assertEquals(weights, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(biases, r.parameters().role(TensorRole.BIAS));
        assertEquals(4L * (weights + biases), r.parameters().logicalBytes(), "fp32: 4 bytes each");
    }

    @Test
    void onnxMlp() throws Exception {
        Path f = dir.resolve("mlp.onnx");
        MlpOnnx.write(f, 4, 2, StreamingOnnxWriter.Payload.HOLES);
        // Two Gemm 4→4 layers: 2 · 4·4 weights + 2 · 4 biases.
        assertParameters(inspect(f, "onnx"), 2 * 4 * 4, 2 * 4);
    }

    @Test
    void kerasHdf5FullModel() throws Exception {
        Path f = dir.resolve("tiny.h5");
        KerasH5Fixture.write(f);
        // Dense 4→3 then 3→2: 4·3 + 3·2 weights, 3 + 2 biases.
        assertParameters(inspect(f, "keras"), 4 * 3 + 3 * 2, 3 + 2);
    }

    @Test
    void keras3Archive() throws Exception {
        Path f = dir.resolve("tiny.keras");
        KerasArchiveFixture.write(f, Files.createDirectory(dir.resolve("scratch")));
        // Dense 4→3 then 3→2: 4·3 + 3·2 weights, 3 + 2 biases.
        assertParameters(inspect(f, "keras"), 4 * 3 + 3 * 2, 3 + 2);
    }

    @Test
    void dl4jModelSerializerZip() throws Exception {
        Path f = dir.resolve("tiny.zip");
        Dl4jZipFixture.write(f);
        // Dense 4→3 then 3→2: 4·3 + 3·2 weights, 3 + 2 biases.
        assertParameters(inspect(f, "dl4j"), 4 * 3 + 3 * 2, 3 + 2);
    }
}
