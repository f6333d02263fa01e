package dev.modelcost.onnx;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostileOnnxTest {
    @TempDir
    Path dir;

    private Path modelWithExternal(String location) throws Exception {
        OnnxSchema.Tensor t = OnnxSchema.Tensor.newBuilder()
                .setName("w")
                .setDataType(1)
                .addDims(4)
                .setDataLocation(OnnxSchema.Tensor.Location.EXTERNAL)
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("location").setValue(location))
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("length").setValue("16"))
                .build();
        OnnxSchema.Model m = OnnxSchema.Model.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13))
                .setGraph(OnnxSchema.Graph.newBuilder().setName("g").addInitializer(t))
                .build();
        Path f = dir.resolve("m.onnx");
        Files.write(f, m.toByteArray());
        return f;
    }

    @Test
    void externalDataThatLeavesTheFolderIsRefused() throws Exception {
        for (String bad : new String[] {"../../etc/passwd", "/etc/passwd", "sub/../../x.bin"}) {
            Path f = modelWithExternal(bad);
            MalformedModelException e = assertThrows(
                    MalformedModelException.class, () -> ModelCost.standard().load(f));
            assertTrue(e.getMessage().contains("m.onnx") && e.getMessage().contains("tensor 'w'"), e.getMessage());
        }
    }

    @Test
    void aSymbolicLinkOutOfTheFolderIsRefused() throws Exception {
        Path outside = Files.createTempFile("outside", ".bin");
        Files.write(outside, new byte[16]);
        Files.createSymbolicLink(dir.resolve("link.bin"), outside);
        Path f = modelWithExternal("link.bin");
        assertThrows(MalformedModelException.class, () -> ModelCost.standard().load(f));
        Files.delete(outside);
    }

    @Test
    void aMissingDataFileIsReportedNotFatal() throws Exception {
        Path f = modelWithExternal("absent.bin");
        var model = ModelCost.standard().load(f);
        assertEquals(
                Storage.Encoding.ABSENT,
                model.graph().tensors().get("w").storage().encoding());
        assertTrue(model.diagnostics().stream().anyMatch(d -> d.message().contains("absent.bin")));
    }

    @Test
    void truncatedFilesAreMalformed() throws Exception {
        Path src = Corpus.root().resolve("onnx/torchvision/squeezenet1_1.onnx");
        byte[] all = Files.readAllBytes(src);
        for (int len : new int[] {1, 10, 100, 5000, all.length / 2, all.length - 1}) {
            Path f = dir.resolve("cut" + len + ".onnx");
            Files.write(f, Arrays.copyOf(all, len));
            assertThrows(ModelException.class, () -> ModelCost.standard().inspect(f), "prefix of " + len + " bytes");
        }
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedWithAMessage() throws Exception {
        Path f = dir.resolve("notes.onnx");
        Files.writeString(f, "this is not a model, just some text that happens to be named .onnx\n");
        ModelException e =
                assertThrows(ModelException.class, () -> ModelCost.standard().inspect(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
}
