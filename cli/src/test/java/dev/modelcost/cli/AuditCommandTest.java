package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Black-box tests of modelcost audit: the folder walk, one JSON line per model, failures as objects. */
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOneLinePerModelAndAnErrorObjectForABrokenOne() throws Exception {
        Path model = InspectCommandTest.corpus().resolve("onnx/torchvision/squeezenet1_1.onnx");
        Path nested = Files.createDirectories(dir.resolve("a/b"));
        Files.copy(model, nested.resolve("squeezenet.onnx"));
        byte[] all = Files.readAllBytes(model);
        Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(all, all.length / 3));
        Files.writeString(dir.resolve("notes.json"), "{\"not\": \"a model\"}");

        InspectCommandTest.Run r =
                InspectCommandTest.run("audit", dir.toString(), "--format", "jsonl", "--no-progress");

        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(2, lines.size(), "the .json file is no model and is skipped: " + r.out());
        JsonNode report = lines.get(0);
        assertTrue(report.path("model").path("path").asText().endsWith("squeezenet.onnx"));
        // torchvision squeezenet1_1 classifies into 1000 ImageNet classes (truth: its export's output).
        assertEquals(
                "[1,1000]",
                report.path("graph").path("outputs").get(0).path("shape").toString());
        JsonNode failed = lines.get(1);
        assertTrue(failed.path("model").path("path").asText().endsWith("truncated.onnx"));
        assertFalse(failed.path("error").asText().isEmpty());
    }

    /**
     * The acceptance: one line per model file of each format, a damaged file listed and counted as failed,
     * the run completed (exit 0). Figures from the corpus truth files: file sizes, parameters, squeezenet's MACs.
     */
    @Test
    void textSummaryHasOneLinePerFileAndCountsTheDamagedOne() throws Exception {
        Path corpus = InspectCommandTest.corpus();
        Path onnx = corpus.resolve("onnx/torchvision/squeezenet1_1.onnx");
        Path keras = corpus.resolve(
                "keras/KonduitAI__dl4j-test-resources/src__main__resources__keras__simple__cnn_tf_model.h5");
        Path dl4j = corpus.resolve("dl4j/dl4j-integration-tests__MLPMoon__Model_RANDOM_INIT_UNTRAINED.zip");
        Files.copy(onnx, dir.resolve("squeezenet.onnx"));
        Files.copy(keras, Files.createDirectories(dir.resolve("keras")).resolve("cnn.h5"));
        Files.copy(dl4j, Files.createDirectories(dir.resolve("dl4j/deep")).resolve("mlp.zip"));
        byte[] all = Files.readAllBytes(onnx);
        Files.write(dir.resolve("dl4j/truncated.onnx"), Arrays.copyOf(all, all.length / 2));
        Files.writeString(dir.resolve("README.txt"), "not a model");
        // A DL4J zip cut before its central directory is still told by its first entry: listed as a failed dl4j file.
        byte[] zip = Files.readAllBytes(dl4j);
        Files.write(dir.resolve("dl4j/cut.zip"), Arrays.copyOf(zip, zip.length / 2));

        InspectCommandTest.Run r = InspectCommandTest.run("audit", dir.toString(), "--no-progress");

        assertEquals(0, r.code(), "a failed file does not fail the run: " + r.err());
        assertEquals("", r.err(), "no progress bar when told so");
        ObjectMapper json = new ObjectMapper();
        JsonNode squeezeTruth = json.readTree(
                corpus.resolve("onnx/torchvision/squeezenet1_1.truth.json").toFile());
        JsonNode kerasTruth = json.readTree(corpus.resolve(
                        "keras/KonduitAI__dl4j-test-resources/src__main__resources__keras__simple__cnn_tf_model.h5.truth.json")
                .toFile());
        JsonNode dl4jTruth = json.readTree(
                corpus.resolve("dl4j/dl4j-integration-tests__MLPMoon__Model_RANDOM_INIT_UNTRAINED.truth.json")
                        .toFile());

        List<String> lines = r.out().lines().toList();
        String sep = File.separator;
        String dl4jLine = row(lines, "dl4j" + sep + "deep" + sep + "mlp.zip");
        assertTrue(
                dl4jLine.matches(".*\\bdl4j\\b.*\\b"
                        + grouped(dl4jTruth.path("coefficients").path("length").asLong()) + "\\b.*\\b"
                        + grouped(dl4jTruth.path("fileBytes").asLong()) + "\\s+ok$"),
                dl4jLine);
        String truncated = row(lines, "dl4j" + sep + "truncated.onnx");
        assertTrue(truncated.matches(".*\\bonnx\\s+-\\s+-\\s+-\\s+failed$"), truncated);
        String kerasLine = row(lines, "keras" + sep + "cnn.h5");
        assertTrue(
                kerasLine.matches(".*\\bkeras\\b.*\\s"
                        + grouped(kerasTruth.path("params").path("total").asLong()) + "\\s.*\\b"
                        + grouped(kerasTruth.path("file_size_bytes").asLong()) + "\\s+ok$"),
                kerasLine);
        String onnxLine = row(lines, "squeezenet.onnx");
        assertTrue(
                onnxLine.matches(
                        ".*\\bonnx\\b.*\\s" + grouped(squeezeTruth.path("macs").asLong()) + "\\s+"
                                + grouped(squeezeTruth
                                        .path("onnx")
                                        .path("file_size_bytes")
                                        .asLong()) + "\\s+ok$"),
                onnxLine);
        String cut = row(lines, "dl4j" + sep + "cut.zip");
        assertTrue(cut.matches(".*\\bdl4j\\s+-\\s+-\\s+-\\s+failed$"), cut);
        assertFalse(r.out().contains("README.txt"), "files no importer claims are skipped");

        assertTrue(
                lines.contains("5 files, 3 ok, 2 failed (1 other file skipped: no importer claims it by content)"),
                r.out());
        int failed = lines.indexOf("Failed:");
        assertTrue(failed > 0, r.out());
        assertTrue(
                lines.get(failed + 1).startsWith("  dl4j" + sep + "cut.zip: ")
                        && lines.get(failed + 1).contains("end-of-central-directory"),
                lines.get(failed + 1));
        assertTrue(lines.get(failed + 2).startsWith("  dl4j" + sep + "truncated.onnx: "), lines.get(failed + 2));
        assertEquals("", lines.get(failed + 3), "exactly two failures listed");
    }

    @Test
    void csvHasOneRecordPerFileWithStatusAndError() throws Exception {
        Path model = InspectCommandTest.corpus().resolve("onnx/torchvision/squeezenet1_1.onnx");
        Files.copy(model, dir.resolve("a.onnx"));
        byte[] all = Files.readAllBytes(model);
        Files.write(dir.resolve("b.onnx"), Arrays.copyOf(all, 100));

        InspectCommandTest.Run r = InspectCommandTest.run("audit", dir.toString(), "--format", "csv", "--no-progress");

        assertEquals(0, r.code(), r.err());
        String[] records = r.out().split("\r\n");
        assertEquals(3, records.length, r.out());
        assertEquals("path,format,parameters,macs,macs_complete,file_bytes,external_bytes,status,error", records[0]);
        assertTrue(records[1].startsWith("a.onnx,onnx,") && records[1].endsWith(",ok,"), records[1]);
        assertTrue(records[2].startsWith("b.onnx,onnx,,,,,,failed,"), records[2]);
    }

    @Test
    void markdownListsTheFailures() throws Exception {
        Files.write(dir.resolve("bad.onnx"), new byte[] {0x08, 0x07, 0x12});
        InspectCommandTest.Run r =
                InspectCommandTest.run("audit", dir.toString(), "--format", "markdown", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| bad.onnx | onnx | - | - | - | failed |"), r.out());
        assertTrue(r.out().contains("1 file, 0 ok, 1 failed (0 other files skipped"), r.out());
        assertTrue(r.out().contains("## Failed"), r.out());
    }

    @Test
    void progressBarGoesToStderrOnlyAndLeavesStdoutAlone() throws Exception {
        Files.copy(InspectCommandTest.corpus().resolve("onnx/torchvision/squeezenet1_1.onnx"), dir.resolve("a.onnx"));
        InspectCommandTest.Run quiet = InspectCommandTest.run("audit", dir.toString(), "--no-progress");
        InspectCommandTest.Run shown = InspectCommandTest.run("audit", dir.toString(), "--progress");
        assertEquals(quiet.out(), shown.out());
        assertTrue(shown.err().contains("audit") && shown.err().contains("1/1"), shown.err());
    }

    @Test
    void htmlIsNotOfferedAndIsAUsageError() throws Exception {
        assertEquals(
                ExitCodes.USAGE,
                InspectCommandTest.run("audit", dir.toString(), "--format", "html")
                        .code());
    }

    private static String row(List<String> lines, String path) {
        return lines.stream()
                .filter(l -> l.startsWith(path + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + path + " in " + lines));
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Test
    void aFileInsteadOfAFolderIsAUsageError() throws Exception {
        Path f = Files.writeString(dir.resolve("x.txt"), "x");
        assertEquals(
                ExitCodes.USAGE, InspectCommandTest.run("audit", f.toString()).code());
    }
}
