package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CI gates (--fail-on, --max-*: exit 5 with the report still printed), the memory-to-run figure, --training in
 * every format that can hold it, and inspect of a folder. Figures from mnist_cntk's truth file: 26,454 bytes,
 * 5,994 fp32 parameter elements (23,976 bytes).
 */
class GatesAndFormatsTest {
    private static final String MNIST = "onnx/real/mnist_cntk.onnx";
    private static final long MNIST_BYTES = 26_454;
    private static final long MNIST_PARAMS = 5_994;

    @TempDir
    Path dir;

    private static String mnist() {
        return InspectCommandTest.corpus().resolve(MNIST).toString();
    }

    @Test
    void thresholdsCrossedExitFiveAndNameTheCrossing() {
        InspectCommandTest.Run over =
                InspectCommandTest.run("inspect", mnist(), "--max-params", Long.toString(MNIST_PARAMS - 1));
        assertEquals(ExitCodes.THRESHOLD, over.code(), over.err());
        assertTrue(over.out().contains("Parameters:"), "the report is still printed");
        assertTrue(over.err().contains("--max-params"), over.err());
        assertEquals(
                0,
                InspectCommandTest.run("inspect", mnist(), "--max-params", Long.toString(MNIST_PARAMS))
                        .code());
        assertEquals(
                0,
                InspectCommandTest.run("inspect", mnist(), "--max-file-bytes", Long.toString(MNIST_BYTES))
                        .code());
        assertEquals(
                ExitCodes.THRESHOLD,
                InspectCommandTest.run("inspect", mnist(), "--max-file-bytes", "26.453kB")
                        .code());
        assertEquals(
                ExitCodes.THRESHOLD,
                InspectCommandTest.run("inspect", mnist(), "--max-memory", "1KiB")
                        .code());
        assertEquals(
                ExitCodes.USAGE,
                InspectCommandTest.run("inspect", mnist(), "--max-memory", "lots")
                        .code());
    }

    @Test
    void auditFailOnWarningExitsFiveOnAFolderWithAWarning() throws Exception {
        // sm_cnn's Conv nodes declare 2-D strides on 1-D inputs: warnings, no errors.
        Files.copy(
                InspectCommandTest.corpus().resolve("onnx/dl4j-test-resources/onnx_graphs__sm_cnn.onnx"),
                dir.resolve("sm.onnx"));
        InspectCommandTest.Run warned =
                InspectCommandTest.run("audit", dir.toString(), "--no-progress", "--fail-on", "warning");
        assertEquals(ExitCodes.THRESHOLD, warned.code(), warned.err());
        assertTrue(warned.err().contains("sm.onnx") && warned.err().contains("--fail-on warning"), warned.err());
        assertEquals(
                0,
                InspectCommandTest.run("audit", dir.toString(), "--no-progress", "--fail-on", "error")
                        .code());
        assertEquals(
                0,
                InspectCommandTest.run("audit", dir.toString(), "--no-progress").code());
    }

    @Test
    void memoryToRunIsParametersPlusThePeakInJsonAndText() throws Exception {
        JsonNode r = new ObjectMapper()
                .readTree(InspectCommandTest.run("inspect", mnist(), "-f", "json", "--batch", "4")
                        .out());
        JsonNode m = r.path("memoryToRun");
        assertEquals(MNIST_PARAMS * 4, m.path("parametersBytes").asLong());
        assertEquals(
                r.path("activations").path("peakLiveBytes").asLong(),
                m.path("peakLiveActivationBytes").asLong());
        assertEquals(
                m.path("parametersBytes").asLong()
                        + m.path("peakLiveActivationBytes").asLong(),
                m.path("bytes").asLong());
        assertEquals(4, m.path("batch").asLong());
        String text = InspectCommandTest.run("inspect", mnist(), "--batch", "4").out();
        assertTrue(
                text.contains(String.format(
                        Locale.ROOT, "Memory to run: %,d bytes", m.path("bytes").asLong())),
                text);
    }

    @Test
    void trainingShowsInMarkdownAndHtmlAndCsvRefusesIt() {
        for (String format : new String[] {"markdown", "html"}) {
            InspectCommandTest.Run r = InspectCommandTest.run("inspect", mnist(), "--training", "-f", format);
            assertEquals(0, r.code(), r.err());
            assertTrue(
                    r.out().contains("Training step") && r.out().contains("optimizer state"), format + ": " + r.out());
        }
        InspectCommandTest.Run csv = InspectCommandTest.run("inspect", mnist(), "--training", "-f", "csv");
        assertEquals(ExitCodes.USAGE, csv.code());
        assertTrue(csv.err().contains("--training"), csv.err());
    }

    @Test
    void inspectOfAFolderPointsToAudit() {
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", dir.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("modelcost audit"), r.err());
    }
}
