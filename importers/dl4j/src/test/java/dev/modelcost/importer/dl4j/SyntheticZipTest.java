package dev.modelcost.importer.dl4j;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small ModelSerializer-shaped zips written here: a 3-4-2 MLP (Dense 3→4, Output 4→2: 3·4+4 + 4·2+2 = 26
 * parameters, Adam: 2 state values each), stored or deflated, and hostile variants.
 */
class SyntheticZipTest {
    static final String ADAM = "{\"@class\":\"org.nd4j.linalg.learning.config.Adam\",\"learningRate\":0.001,"
            + "\"beta1\":0.9,\"beta2\":0.999,\"epsilon\":1.0E-8}";
    static final String MLP = "{\"confs\":["
            + "{\"layer\":{\"@class\":\"org.deeplearning4j.nn.conf.layers.DenseLayer\",\"layerName\":\"d0\",\"nin\":3,\"nout\":4,"
            + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationReLU\"},\"iupdater\":" + ADAM
            + "},"
            + "\"variables\":[\"W\",\"b\"]},"
            + "{\"layer\":{\"@class\":\"org.deeplearning4j.nn.conf.layers.OutputLayer\",\"layerName\":\"out\",\"nin\":4,\"nout\":2,"
            + "\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl.ActivationSoftmax\"},"
            + "\"lossFn\":{\"@class\":\"org.nd4j.linalg.lossfunctions.impl.LossMCXENT\"},\"iupdater\":" + ADAM + "},"
            + "\"variables\":[\"W\",\"b\"]}],"
            + "\"inputPreProcessors\":{},\"dataType\":\"FLOAT\"}";

    @TempDir
    Path dir;

    static Path zip(Path file, Map<String, byte[]> entries, boolean stored) throws IOException {
        return zip(file, entries, stored, Deflater.DEFAULT_COMPRESSION);
    }

    static Path zip(Path file, Map<String, byte[]> entries, boolean stored, int level) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(level);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    static Map<String, byte[]> mlp(long params, long state) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("configuration.json", MLP.getBytes(StandardCharsets.UTF_8));
        m.put("coefficients.bin", Nd4jHeaderTest.longHeader("MIXED_DATA_TYPES", "FLOAT", params, (int) params * 4));
        m.put("updaterState.bin", Nd4jHeaderTest.longHeader("MIXED_DATA_TYPES", "FLOAT", state, (int) state * 4));
        return m;
    }

    static Report analyze(ImportedModel m) {
        return new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
    }

    static long ledgerSum(Report r) {
        return r.ledger().entries().stream().mapToLong(LedgerEntry::bytes).sum();
    }

    @Test
    void storedArchiveHasRawParameterPayloads() throws IOException {
        Path f = zip(dir.resolve("mlp.zip"), mlp(26, 52), true);
        ImportedModel m = OpenSources.read(f);
        Report r = analyze(m);
        assertEquals(26, r.parameters().total());
        assertEquals(Files.size(f), ledgerSum(r));
        assertEquals(0, r.ledger().unexplainedBytes());
        long raw = 0;
        for (Tensor t : m.graph().tensors().values()) {
            assertEquals(Storage.Encoding.RAW, t.storage().encoding(), t.name());
            raw += t.storage().lengthBytes();
        }
        assertEquals(26 * 4, raw);
        assertEquals(mlp(26, 52).get("updaterState.bin").length, r.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE));
        Map<String, Long> rows = new LinkedHashMap<>();
        for (LayerRow row : r.layers()) {
            rows.put(row.name(), row.parameters());
        }
        assertEquals(Map.of("d0", 16L, "out", 10L), rows);
        assertEquals(3 * 4 + 4 * 2, r.macs());
        assertTrue(r.macsComplete());
        assertEquals("Adam", m.metadata().get("dl4j.updater"));
        assertEquals("2", m.metadata().get("dl4j.updater.slotsPerParameter"));
        assertEquals("52", m.metadata().get("dl4j.updater.expectedStateLength"));
        assertEquals("Adam=2", m.metadata().get("dl4j.updater.slotsPerParameterByUpdater"));
    }

    @Test
    void deflatedArchiveCountsTheCompressedEntryAsParameters() throws IOException {
        Path f = zip(dir.resolve("mlp-deflated.bin"), mlp(26, 52), false);
        byte[] head = Arrays.copyOf(Files.readAllBytes(f), 64);
        assertTrue(new Dl4jImporter().recognizes(f.getFileName().toString(), head));
        ImportedModel m = OpenSources.read(f);
        Report r = analyze(m);
        assertEquals(26, r.parameters().total());
        assertEquals(Files.size(f), ledgerSum(r));
        assertTrue(m.graph().tensors().values().stream()
                .allMatch(t -> t.storage().encoding() == Storage.Encoding.COMPRESSED));
        assertTrue(r.ledger().bytesIn(LedgerCategory.PARAMETERS) > 0);
    }

    @Test
    void headerIsTheAuthorityAndHugeEntriesAreNeverInflated() throws IOException {
        long params = 20_000_000; // 80 MB of zeros, a few tens of KB deflated: only the header is inflated
        Map<String, byte[]> m = mlp(26, 52);
        m.put("coefficients.bin", Nd4jHeaderTest.longHeader("MIXED_DATA_TYPES", "FLOAT", params, (int) params * 4));
        Path f = zip(dir.resolve("bomb.zip"), m, false);
        m.clear();
        ImportedModel model = OpenSources.read(f);
        Report r = analyze(model);
        assertEquals(params, r.parameters().total());
        assertEquals(Files.size(f), ledgerSum(r));
        assertTrue(model.diagnostics().stream()
                .map(Diagnostic::message)
                .anyMatch(s -> s.contains("account for 26 parameters") && s.contains("holds " + params)));
    }

    @Test
    void hostileAndForeignFiles() throws IOException {
        Dl4jImporter imp = new Dl4jImporter();
        Path good = zip(dir.resolve("good.zip"), mlp(26, 52), true);
        byte[] all = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(all, all.length / 2));
        assertThrows(MalformedModelException.class, () -> imp.read(FileSource.open(truncated), ImportOptions.DEFAULTS));
        // Its first entry is still DL4J's configuration: claimed, so that it is answered as a damaged model.
        assertTrue(imp.recognizes(truncated.getFileName().toString(), Arrays.copyOf(all, 64)));

        Map<String, byte[]> noConfig = mlp(26, 52);
        noConfig.remove("configuration.json");
        Path other = zip(dir.resolve("other.zip"), noConfig, false);
        assertFalse(imp.recognizes(other.getFileName().toString(), Arrays.copyOf(Files.readAllBytes(other), 64)));
        assertThrows(MalformedModelException.class, () -> imp.read(FileSource.open(other), ImportOptions.DEFAULTS));

        Path text = Files.writeString(dir.resolve("model.zip"), "not a zip at all, just text");
        assertFalse(imp.recognizes(text.getFileName().toString(), Files.readAllBytes(text)));
        assertThrows(MalformedModelException.class, () -> imp.read(FileSource.open(text), ImportOptions.DEFAULTS));

        ImportOptions tiny = new ImportOptions(1000, 64, 64, 100);
        assertThrows(
                MalformedModelException.class,
                () -> imp.read(FileSource.open(good), tiny),
                "configuration.json over the limit");

        Map<String, byte[]> badJson = mlp(26, 52);
        badJson.put("configuration.json", "{\"confs\": [".getBytes(StandardCharsets.UTF_8));
        Path bad = zip(dir.resolve("badjson.zip"), badJson, false);
        assertThrows(MalformedModelException.class, () -> imp.read(FileSource.open(bad), ImportOptions.DEFAULTS));

        Map<String, byte[]> deep = mlp(26, 52);
        deep.put("configuration.json", ("{\"confs\":" + "[".repeat(200_000)).getBytes(StandardCharsets.UTF_8));
        Path nested = zip(dir.resolve("nested.zip"), deep, false);
        assertThrows(MalformedModelException.class, () -> imp.read(FileSource.open(nested), ImportOptions.DEFAULTS));
    }

    @Test
    void twoCustomLayersShareTheUnexplainedParameters() throws IOException {
        String custom = MLP.replace("org.deeplearning4j.nn.conf.layers.DenseLayer", "com.example.MyDense")
                .replace("org.deeplearning4j.nn.conf.layers.OutputLayer", "com.example.MyOutput");
        Map<String, byte[]> m = mlp(26, 52);
        m.put("configuration.json", custom.getBytes(StandardCharsets.UTF_8));
        Path f = zip(dir.resolve("custom.zip"), m, false);
        ImportedModel model = OpenSources.read(f);
        Report r = analyze(model);
        assertEquals(26, r.parameters().total());
        assertEquals(Files.size(f), ledgerSum(r));
        assertEquals(
                "com.example.MyDense, com.example.MyOutput", model.metadata().get("dl4j.unknownLayerClasses"));
    }
}
