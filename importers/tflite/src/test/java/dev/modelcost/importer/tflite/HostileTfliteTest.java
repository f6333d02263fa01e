package dev.modelcost.importer.tflite;

import dev.modelcost.core.io.MemorySource;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged and lying flatbuffers get one clean refusal; payloads are located, not read. */
class HostileTfliteTest {
    private static ImportedModel read(byte[] bytes) throws Exception {
        return new TfliteImporter().read(new MemorySource("memory.tflite", bytes), ImportOptions.DEFAULTS);
    }

    private static byte[] corpus(String name) throws Exception {
        return Files.readAllBytes(Corpus.folder().resolve(name));
    }

    @Test
    void everyPrefixIsAReportOrAMalformedModel() throws Exception {
        byte[] model = corpus("tflite-micro__hello_world_float.tflite");
        for (int cut = 0; cut < model.length; cut += 7) {
            byte[] prefix = Arrays.copyOf(model, cut);
            try {
                read(prefix);
            } catch (ModelException expected) {
                // the clean answer
            }
        }
    }

    @Test
    void aRootOffsetPastTheEndIsRefused() throws Exception {
        byte[] model = corpus("tflite-micro__hello_world_float.tflite");
        ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x7fff_fff0);
        MalformedModelException e = assertThrows(MalformedModelException.class, () -> read(model));
        assertTrue(e.getMessage().contains("passes the end"), e.getMessage());
    }

    @Test
    void aVectorLengthLargerThanTheFileIsRefusedBeforeAllocating() throws Exception {
        byte[] model = corpus("tflite-micro__hello_world_float.tflite");
        FlatTable root = FlatTable.root(new PagedReader(new MemorySource("memory.tflite", model), model.length));
        long field = root.field(4); // Model.buffers
        long vector =
                field + (ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN).getInt((int) field) & 0xffffffffL);
        ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN).putInt((int) vector, 0x3fff_ffff);
        MalformedModelException e = assertThrows(MalformedModelException.class, () -> read(model));
        assertTrue(e.getMessage().contains("passes the end"), e.getMessage());
    }

    @Test
    void aWhileLoopWhoseBodyIsTheMainSubgraphIsRefused() throws Exception {
        byte[] model = corpus("litert__multi_subgraphs_while.bin");
        TfliteModel parsed = new ModelReader(
                        new PagedReader(new MemorySource("memory.tflite", model), model.length), ImportOptions.DEFAULTS)
                .read();
        assertTrue(parsed.subgraphs().get(0).operators().stream()
                .anyMatch(o -> o.options().containsKey("body_subgraph")));
        // Rewrite the WHILE options' body_subgraph_index (field 1 of WhileOptions) to 0: the main subgraph.
        FlatTable root = FlatTable.root(new PagedReader(new MemorySource("memory.tflite", model), model.length));
        FlatTable main = root.vector(2, 4).table(0);
        FlatTable.FlatVector ops = main.vector(3, 4);
        boolean patched = false;
        for (long i = 0; i < ops.length(); i++) {
            FlatTable op = ops.table(i);
            FlatTable opts = op.table(4);
            if (opts != null
                    && opts.field(1) >= 0
                    && parsed.subgraphs()
                            .get(0)
                            .operators()
                            .get((int) i)
                            .options()
                            .containsKey("body_subgraph")) {
                ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN).putInt((int) opts.field(1), 0);
                patched = true;
            }
        }
        assertTrue(patched);
        MalformedModelException e = assertThrows(MalformedModelException.class, () -> read(model));
        assertTrue(e.getMessage().contains("calls itself"), e.getMessage());
    }

    @Test
    void weightPayloadsAreNotRead() throws Exception {
        byte[] model = corpus("tflite-micro__person_detect.tflite");
        MemorySource source = new MemorySource("memory.tflite", model);
        new TfliteImporter().read(source, ImportOptions.DEFAULTS);
        // 218,928 of the 300,568 bytes are buffers (truth); the reader's pages cover tables and vector heads only.
        assertTrue(
                source.bytesRead() < model.length / 2, "read " + source.bytesRead() + " of " + model.length + " bytes");
    }

    @Test
    void errorsNameTheFile() throws Exception {
        Path dir = Files.createTempDirectory("tflite-hostile");
        Path f = dir.resolve("short.tflite");
        Files.write(f, new byte[] {1, 0, 0, 0, 'T', 'F', 'L', '3', 0, 0});
        MalformedModelException e = assertThrows(MalformedModelException.class, () -> {
            try (dev.modelcost.core.io.FileSource source = dev.modelcost.core.io.FileSource.open(f)) {
                new TfliteImporter().read(source, ImportOptions.DEFAULTS);
            }
        });
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
}
