package dev.modelcost.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * audit × each of its formats on a folder of three corpus models (ONNX, Keras, DL4J) and one damaged file,
 * against golden files (the folder's path written as $DIR). The per-file figures themselves are checked against
 * the truth files in AuditCommandTest; here the whole output is pinned, and the counts cross-foot.
 */
class GoldenAuditTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"text", "csv", "jsonl", "markdown"})
    void auditMatchesItsGoldenFile(String format) throws Exception {
        Path corpus = InspectCommandTest.corpus();
        Path onnx = corpus.resolve("onnx/torchvision/squeezenet1_1.onnx");
        Files.copy(onnx, dir.resolve("squeezenet.onnx"));
        Files.copy(
                corpus.resolve(
                        "keras/KonduitAI__dl4j-test-resources/src__main__resources__keras__simple__cnn_tf_model.h5"),
                Files.createDirectories(dir.resolve("keras")).resolve("cnn.h5"));
        Files.copy(
                corpus.resolve("dl4j/dl4j-integration-tests__MLPMoon__Model_RANDOM_INIT_UNTRAINED.zip"),
                Files.createDirectories(dir.resolve("dl4j")).resolve("mlp.zip"));
        byte[] all = Files.readAllBytes(onnx);
        Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(all, all.length / 2));

        InspectCommandTest.Run r = InspectCommandTest.run("audit", dir.toString(), "--format", format, "--no-progress");

        assertEquals(0, r.code(), r.err());
        String out = r.out().replace(dir.toAbsolutePath().toString(), "$DIR").replace(dir.toString(), "$DIR");
        if (format.equals("text")) {
            assertTrue(out.contains("4 files, 3 ok, 1 failed"), out);
        } else if (format.equals("jsonl")) {
            assertEquals(4, out.lines().count(), "one line per model file");
        } else if (format.equals("csv")) {
            assertEquals(5, out.lines().count(), "a header and one record per model file");
        }
        Golden.check(GoldenAuditTest.class, "audit." + format, out);
    }
}
