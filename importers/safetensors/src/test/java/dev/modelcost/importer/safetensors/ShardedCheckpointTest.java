package dev.modelcost.importer.safetensors;

import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sharded checkpoint read through its index: every shard's header, the index checked against them. */
class ShardedCheckpointTest {
    private static final String S1 = "model-00001-of-00003.safetensors";
    private static final String S2 = "model-00002-of-00003.safetensors";
    private static final String S3 = "model-00003-of-00003.safetensors";

    @TempDir
    Path dir;

    private Path index(String weightMap, long totalSize) throws Exception {
        Path idx = dir.resolve("model.safetensors.index.json");
        Files.writeString(
                idx, "{\"metadata\": {\"total_size\": " + totalSize + "}, \"weight_map\": {" + weightMap + "}}");
        return idx;
    }

    @Test
    void agreeingIndexGivesOneModelOverAllShards() throws Exception {
        Files.write(
                dir.resolve(S1),
                new Fixture().tensor("a.weight", "F16", 2 * 12, 3, 4).bytes());
        Files.write(
                dir.resolve(S2), new Fixture().tensor("a.bias", "F16", 2 * 3, 3).bytes());
        Files.write(
                dir.resolve(S3),
                new Fixture().tensor("b.weight", "F32", 4 * 5, 5).bytes());
        Path idx = index(
                "\"a.weight\": \"" + S1 + "\", \"a.bias\": \"" + S2 + "\", \"b.weight\": \"" + S3 + "\"", 24 + 6 + 20);
        Imports.Analyzed analyzed = Imports.analyze(idx);
        ImportedModel m = analyzed.model();
        assertEquals(
                List.of(),
                m.diagnostics().stream()
                        .filter(d -> d.severity() != Diagnostic.Severity.INFO)
                        .toList());
        assertEquals(3, m.externalFileBytes().size());
        Report r = analyzed.report();
        assertEquals(12 + 3 + 5, r.parameters().total());
        assertEquals(0, r.ledger().unexplainedBytes());
        assertEquals(
                Files.size(idx)
                        + Files.size(dir.resolve(S1))
                        + Files.size(dir.resolve(S2))
                        + Files.size(dir.resolve(S3)),
                r.ledger().totalBytes());
    }

    @Test
    void missingExtraDuplicatedAndUnnamedShardsAreReported() throws Exception {
        Files.write(
                dir.resolve(S1),
                new Fixture()
                        .tensor("a.weight", "F32", 16, 4)
                        .tensor("x.weight", "F32", 4, 1)
                        .bytes());
        Files.write(
                dir.resolve(S3), new Fixture().tensor("a.weight", "F32", 16, 4).bytes());
        // S2 is named but absent; S3 exists but is not named; x.weight is in S1 but not in the index;
        // b.weight is placed in S1, which lacks it; a.weight sits in two shards (S3 read as extra is not opened).
        Path idx =
                index("\"a.weight\": \"" + S1 + "\", \"b.weight\": \"" + S1 + "\", \"c.weight\": \"" + S2 + "\"", 999);
        ImportedModel m = Imports.read(idx);
        String all = String.join(
                "\n", m.diagnostics().stream().map(Diagnostic::message).toList());
        assertTrue(
                all.contains("shard '" + S2 + "' named by the index is missing: its 1 tensors are not counted"), all);
        assertTrue(all.contains("tensors the index places in a shard that does not hold them: 'b.weight'"), all);
        assertTrue(all.contains("tensors a shard holds that the index does not place there: 'x.weight'"), all);
        assertTrue(all.contains("shard files beside the index that it does not name: " + S3), all);
        assertTrue(all.contains("total_size is 999 bytes, the shards' tensors take 20 bytes"), all);
    }

    @Test
    void tensorInTwoNamedShardsIsDuplicatedAndCountedTwice() throws Exception {
        Files.write(
                dir.resolve(S1), new Fixture().tensor("a.weight", "F32", 16, 4).bytes());
        Files.write(
                dir.resolve(S2),
                new Fixture()
                        .tensor("a.weight", "F32", 16, 4)
                        .tensor("b.bias", "F32", 4, 1)
                        .bytes());
        Path idx = index("\"a.weight\": \"" + S1 + "\", \"b.bias\": \"" + S2 + "\"", 36);
        Imports.Analyzed analyzed = Imports.analyze(idx);
        ImportedModel m = analyzed.model();
        String all = String.join(
                "\n", m.diagnostics().stream().map(Diagnostic::message).toList());
        assertTrue(all.contains("tensors stored in more than one shard: 'a.weight' in " + S1 + " and " + S2), all);
        Report r = analyzed.report();
        assertEquals(0, r.ledger().unexplainedBytes());
    }

    @Test
    void shardNamesCannotLeaveTheFolder() throws Exception {
        Path idx = index("\"a.weight\": \"../outside.safetensors\"", 4);
        assertThrows(MalformedModelException.class, () -> Imports.read(idx));
        Path abs = index("\"a.weight\": \"/etc/passwd\"", 4);
        assertThrows(MalformedModelException.class, () -> Imports.read(abs));
    }
}
