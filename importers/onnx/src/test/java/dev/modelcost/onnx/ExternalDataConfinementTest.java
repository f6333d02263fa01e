package dev.modelcost.onnx;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves that hostile external-data locations open nothing outside the model's folder. The target outside
 * is a named pipe: looking it up (stat, realpath) returns at once, but opening it for reading blocks until
 * a writer comes, and none ever does. So an inspection that finishes within the limit opened nothing there,
 * whichever code path (importer, duplicate search, ledger) would have tried.
 */
class ExternalDataConfinementTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path folder;
    private Path pipe;

    @BeforeEach
    void pipeOutsideTheModelFolder() throws Exception {
        folder = Files.createDirectories(dir.resolve("models/one"));
        Files.createDirectories(dir.resolve("outside"));
        pipe = dir.resolve("outside/secret");
        assumeTrue(mkfifo(pipe), "mkfifo is not available; the named-pipe proof is skipped");
    }

    private static boolean mkfifo(Path p) {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0 && Files.exists(p);
        } catch (Exception e) {
            return false;
        }
    }

    private Path model(String location, String offset, String length) throws Exception {
        OnnxSchema.Tensor.Builder t = OnnxSchema.Tensor.newBuilder()
                .setName("w")
                .setDataType(1)
                .addDims(4)
                .setDataLocation(OnnxSchema.Tensor.Location.EXTERNAL)
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("location").setValue(location))
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("length").setValue(length));
        if (offset != null) {
            t.addExternalData(OnnxSchema.KeyValue.newBuilder().setKey("offset").setValue(offset));
        }
        OnnxSchema.Model m = OnnxSchema.Model.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13))
                .setGraph(OnnxSchema.Graph.newBuilder()
                        .setName("g")
                        .addInitializer(t)
                        .addNode(OnnxSchema.Node.newBuilder()
                                .setOpType("Relu")
                                .addInput("w")
                                .addOutput("y"))
                        .addOutput(OnnxSchema.ValueInfo.newBuilder().setName("y")))
                .build();
        Path f = folder.resolve("m.onnx");
        Files.write(f, m.toByteArray());
        return f;
    }

    private Path model(String location) throws Exception {
        return model(location, null, "16");
    }

    private void refusedWithoutOpening(Path f) {
        MalformedModelException e = assertTimeoutPreemptively(
                LIMIT,
                () -> assertThrows(MalformedModelException.class, () -> ModelCost.standard()
                        .inspect(f)),
                "the inspection blocked: something opened the named pipe outside the model's folder");
        assertTrue(e.getMessage().contains("tensor 'w'"), e.getMessage());
    }

    @Test
    void aParentPathToAPipeIsRefusedWithoutOpeningIt() throws Exception {
        refusedWithoutOpening(model("../../outside/secret"));
    }

    @Test
    void anAbsolutePathToAPipeIsRefusedWithoutOpeningIt() throws Exception {
        refusedWithoutOpening(model(pipe.toString()));
    }

    @Test
    void aLinkToAPipeOutsideIsRefusedWithoutOpeningIt() throws Exception {
        Files.createSymbolicLink(folder.resolve("weights.bin"), pipe);
        refusedWithoutOpening(model("weights.bin"));
    }

    @Test
    void aLinkedFolderThatLeadsOutsideIsRefusedWithoutOpeningIt() throws Exception {
        Files.createSymbolicLink(folder.resolve("data"), dir.resolve("outside"));
        refusedWithoutOpening(model("data/secret"));
    }

    @Test
    void aLinkEscapingThroughALinkInsideIsRefused() throws Exception {
        Files.createSymbolicLink(folder.resolve("hop"), folder.resolve("hop2"));
        Files.createSymbolicLink(folder.resolve("hop2"), pipe);
        refusedWithoutOpening(model("hop"));
    }

    @Test
    void aPipeInsideTheFolderIsNotReadAndIsReportedMissing() throws Exception {
        assumeTrue(mkfifo(folder.resolve("pipe.bin")));
        Path f = model("pipe.bin");
        Report r = assertTimeoutPreemptively(
                LIMIT,
                () -> ModelCost.standard().inspect(f),
                "the inspection blocked: something opened the named pipe in the model's folder");
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("pipe.bin")),
                r.diagnostics().toString());
    }

    @Test
    void rangesThatOverflowOrLeaveTheDataFileAreRefused() throws Exception {
        Files.write(folder.resolve("w.bin"), new byte[16]);
        String[][] ranges = {
            {"9223372036854775807", "16"},
            {"8", "9223372036854775807"},
            {"-1", "16"},
            {"0", "-16"},
            {"4611686018427387904", "4611686018427387904"},
            {"1", "16"},
            {"0x10", "16"}
        };
        for (String[] r : ranges) {
            Path f = model("w.bin", r[0], r[1]);
            MalformedModelException e = assertThrows(
                    MalformedModelException.class,
                    () -> ModelCost.standard().inspect(f),
                    "offset " + r[0] + " length " + r[1]);
            assertTrue(e.getMessage().contains("tensor 'w'"), e.getMessage());
        }
        Path ok = model("w.bin", "0", "16");
        assertEquals(16L, ModelCost.standard().load(ok).externalFileBytes().get("w.bin"));
    }
}
