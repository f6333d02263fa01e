package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --training, --optimizer and --mixed-precision through the command line, against the squeezenet truth file. */
class InspectTrainingTest {

    private static JsonNode json(String... args) throws Exception {
        InspectCommandTest.Run r = InspectCommandTest.run(args);
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static Path squeezenet() {
        return InspectCommandTest.corpus().resolve("onnx/torchvision/squeezenet1_1.onnx");
    }

    private static JsonNode truth() throws Exception {
        return new ObjectMapper()
                .readTree(InspectCommandTest.corpus()
                        .resolve("onnx/torchvision/squeezenet1_1.truth.json")
                        .toFile());
    }

    @Test
    void adamTrainingObjectFollowsTheStoredFp32Parameters() throws Exception {
        long storedBytes = truth().at("/onnx/initializer_bytes_numpy_nbytes").asLong();
        JsonNode t = json("inspect", squeezenet().toString(), "--format", "json", "--training", "--batch", "4")
                .get("training");
        assertEquals("adam", t.get("optimizer").asText());
        assertEquals(storedBytes, t.get("parametersBytes").asLong());
        assertEquals(storedBytes, t.get("gradientsBytes").asLong());
        assertEquals(2 * storedBytes, t.get("optimizerStateBytes").asLong());
        assertEquals(0, t.get("masterWeightsBytes").asLong());
        assertEquals(
                t.get("peakFixedBytes").asLong()
                        + 4 * t.get("peakPerSampleBytes").asLong(),
                t.get("peakBytes").asLong());
        assertEquals(
                t.get("savedActivationsFixedBytes").asLong()
                        + 4 * t.get("savedActivationsPerSampleBytes").asLong(),
                t.get("savedActivationsBytes").asLong());
    }

    @Test
    void inferenceOnlyReportsHaveANullTrainingObjectAndTheSplitPeak() throws Exception {
        JsonNode j = json("inspect", squeezenet().toString(), "--format", "json", "--batch", "3");
        assertTrue(j.get("training").isNull());
        JsonNode a = j.get("activations");
        assertEquals(
                a.get("peakLiveFixedBytes").asLong()
                        + 3 * a.get("peakLivePerSampleBytes").asLong(),
                a.get("peakLiveBytes").asLong());
    }

    @Test
    void mixedPrecisionHalvesParametersAndAddsFp32Masters() throws Exception {
        long storedBytes = truth().at("/onnx/initializer_bytes_numpy_nbytes").asLong();
        JsonNode t = json(
                        "inspect",
                        "--mixed-precision",
                        squeezenet().toString(),
                        "--format",
                        "json",
                        "--optimizer",
                        "momentum")
                .get("training");
        assertEquals("fp16", t.get("mixedPrecision").asText());
        assertEquals(storedBytes / 2, t.get("parametersBytes").asLong());
        assertEquals(storedBytes, t.get("masterWeightsBytes").asLong());
        assertEquals(storedBytes, t.get("optimizerStateBytes").asLong());
    }

    @Test
    void textReportShowsWhatTrainingAdds() {
        InspectCommandTest.Run r =
                InspectCommandTest.run("inspect", squeezenet().toString(), "--optimizer", "sgd");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Training step: optimizer sgd"), r.out());
        assertTrue(r.out().contains("saved activations"), r.out());
        assertTrue(r.out().contains("x 1 x") || r.out().contains(" fixed + 1 x "), r.out());
    }

    @Test
    void unknownOptimizerOrHalfTypeIsBadUsage() {
        assertEquals(
                2,
                InspectCommandTest.run("inspect", squeezenet().toString(), "--optimizer", "lion")
                        .code());
        assertEquals(
                2,
                InspectCommandTest.run("inspect", squeezenet().toString(), "--mixed-precision=fp8")
                        .code());
    }
}
