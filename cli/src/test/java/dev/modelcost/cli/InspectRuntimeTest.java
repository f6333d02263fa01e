package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --runtime through the command line, on squeezenet1_1 of the corpus and its PyTorch truth measurement. */
class InspectRuntimeTest {

    private static String squeezenet() {
        return InspectCommandTest.corpus()
                .resolve("onnx/torchvision/squeezenet1_1.onnx")
                .toString();
    }

    private static InspectCommandTest.Run ok(String... args) {
        InspectCommandTest.Run r = InspectCommandTest.run(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void thePytorchProfileNamesItsRuntimeAndItsTermsAddUpToTheMeasuredPeak() throws Exception {
        long measured = new ObjectMapper()
                .readTree(InspectCommandTest.corpus()
                        .resolve("onnx/torchvision/squeezenet1_1.truth.json")
                        .toFile())
                .at("/measured_memory_profiler/inference_nograd_batch1/peak_bytes")
                .asLong();
        JsonNode a = new ObjectMapper()
                .readTree(ok("inspect", squeezenet(), "--runtime", "pytorch", "-f", "json")
                        .out())
                .get("activations");
        JsonNode ideal = new ObjectMapper()
                .readTree(ok("inspect", squeezenet(), "-f", "json").out())
                .get("activations");
        assertEquals("pytorch", a.get("runtime").asText());
        assertEquals(measured, a.get("peakLiveBytesBeyondInputs").asLong());
        assertEquals(
                ideal.get("peakLiveBytesBeyondInputs").asLong(),
                a.get("idealPeakLiveBytesBeyondInputs").asLong());
        long sum = a.get("idealPeakLiveBytesBeyondInputs").asLong();
        for (JsonNode t : a.get("runtimeTerms")) {
            sum += t.get("bytes").asLong();
        }
        assertEquals(a.get("peakLiveBytesBeyondInputs").asLong(), sum);
        assertFalse(ideal.has("runtime"), "the default report is the ideal one, unchanged");
    }

    /** Memory to run under a profile: the weights as stored + the ideal peak with inputs + what the terms add. */
    @Test
    void memoryToRunUnderAProfileAddsItsTermsToTheIdealPeak() throws Exception {
        JsonNode r = new ObjectMapper()
                .readTree(ok("inspect", squeezenet(), "--runtime", "onnxruntime", "-f", "json")
                        .out());
        long terms = 0;
        for (JsonNode t : r.at("/activations/runtimeTerms")) {
            terms += t.get("bytes").asLong();
        }
        long activations = r.at("/activations/peakLiveBytes").asLong() + terms;
        assertTrue(terms > 0, "the onnxruntime profile adds to squeezenet's ideal peak");
        assertEquals(activations, r.at("/memoryToRun/peakLiveActivationBytes").asLong());
        assertEquals(
                r.at("/parameters/storedBytes").asLong() + activations,
                r.at("/memoryToRun/bytes").asLong());
    }

    @Test
    void theIdealRuntimeIsTheDefaultReportByteForByte() {
        assertEquals(
                ok("inspect", squeezenet(), "-f", "json").out(),
                ok("inspect", squeezenet(), "--runtime", "ideal", "-f", "json").out());
    }

    @Test
    void theTextReportListsEachTermAsANamedLine() {
        String out = ok("inspect", squeezenet(), "--runtime", "onnxruntime").out();
        assertTrue(out.contains("Runtime onnxruntime: peak beyond the inputs the caller holds"), out);
        assertTrue(out.contains("arena planning rounding"), out);
        assertTrue(out.contains("onnxruntime figure"), out);
    }

    @Test
    void anUnknownRuntimeIsAUsageError() {
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", squeezenet(), "--runtime", "tensorflow");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown --runtime 'tensorflow'"), r.err());
    }

    @Test
    void everyRuntimeFieldOfTheJsonIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("../docs/json-schema.md"));
        JsonNode j = new ObjectMapper()
                .readTree(
                        ok("inspect", squeezenet(), "--runtime", "pytorch", "--training", "--batch", "2", "-f", "json")
                                .out());
        assertEquals("pytorch", j.at("/training/runtime").asText());
        Set<String> paths = new TreeSet<>();
        JsonSchemaDocTest.collect(j.get("activations"), "activations", paths);
        JsonSchemaDocTest.collect(j.get("training"), "training", paths);
        List<String> missing = new ArrayList<>();
        paths.removeIf(p -> !p.contains("untime") && !p.contains("ideal"));
        assertTrue(paths.contains("activations.runtimeTerms[].term"), "runtime fields: " + paths);
        for (String p : paths) {
            if (!JsonSchemaDocTest.documented(doc, p)) {
                missing.add(p);
            }
        }
        assertEquals(List.of(), missing);
    }
}
