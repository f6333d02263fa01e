package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Black-box tests of the command line: exit codes, stdout and stderr, per picocli's manual. */
class InspectCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path corpus() {
        Path root = Prerequisites.corpus();
        return root;
    }

    @Test
    void jsonReportCarriesTheContractKeys() throws Exception {
        Path model = corpus().resolve("onnx/torchvision/squeezenet1_1.onnx");
        JsonNode truth = new ObjectMapper()
                .readTree(corpus().resolve("onnx/torchvision/squeezenet1_1.truth.json")
                        .toFile());
        Run r = run("inspect", model.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("schemaVersion").asInt());
        assertEquals("onnx", j.at("/model/format").asText());
        assertEquals(
                truth.at("/onnx/file_size_bytes").asLong(),
                j.at("/model/fileBytes").asLong());
        assertEquals(
                truth.at("/onnx/initializer_elements").asLong(),
                j.at("/parameters/total").asLong());
        long byRole = 0;
        for (String k : new String[] {"weight", "bias", "normScaleShift", "normStatistics", "other"}) {
            byRole += j.at("/parameters/byRole/" + k).asLong();
        }
        assertEquals(j.at("/parameters/total").asLong(), byRole, "byRole sums to total");
        assertEquals(
                j.at("/parameters/total").asLong(),
                j.at("/parameters/trainable").asLong()
                        + j.at("/parameters/nonTrainable").asLong());
        assertEquals(truth.get("macs").asLong(), j.get("macs").asLong());
        assertEquals(1000, j.at("/graph/outputs/0/shape/1").asLong());
        assertEquals(0, j.at("/ledger/unexplainedBytes").asLong());
        assertTrue(j.at("/activations/layerOutputElements").asLong() > 0);
        assertTrue(j.get("layers").size() > 0);
        assertTrue(j.get("diagnostics").isArray());
    }

    @Test
    void textReportPrintsTotalsInMegabytesAndMebibytes() {
        Run r = run(
                "inspect",
                corpus().resolve("onnx/torchvision/resnet18_fp16.onnx").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Parameters: 11,680,872"), r.out());
        assertTrue(r.out().contains(" MB = ") && r.out().contains(" MiB"));
    }

    @Test
    void aMissingFileIsExitFourWithOneLine() {
        Run r = run("inspect", dir.resolve("nope.onnx").toString());
        assertEquals(4, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("nope.onnx"));
        assertFalse(r.err().contains("at dev.modelcost"), "no stack trace");
    }

    @Test
    void aTruncatedFileIsExitFour() throws Exception {
        byte[] all = Files.readAllBytes(corpus().resolve("onnx/torchvision/squeezenet1_1.onnx"));
        Path f = dir.resolve("cut.onnx");
        Files.write(f, Arrays.copyOf(all, all.length / 3));
        Run r = run("inspect", f.toString());
        assertEquals(4, r.code());
        assertTrue(r.err().startsWith("modelcost: " + f), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void anUnknownFormatIsExitThree() throws Exception {
        Path f = dir.resolve("picture.png");
        Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        Run r = run("inspect", f.toString());
        assertEquals(3, r.code(), r.err());
    }

    @Test
    void badUsageIsExitTwo() {
        assertEquals(2, run("inspect").code());
        assertEquals(2, run("inspect", "x.onnx", "--batch", "zero").code());
        assertEquals(2, run("frobnicate").code());
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Run r = run("inspect", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("4  malformed or unreadable file"));
    }
}
