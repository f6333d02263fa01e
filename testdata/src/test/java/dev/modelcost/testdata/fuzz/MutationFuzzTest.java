package dev.modelcost.testdata.fuzz;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded fuzz run of the normal test suite: every corpus-derived seed, then a fixed number of
 * seeded mutations of them (bounded by count, not by clock, so a run is repeatable). The long run raises
 * the count: {@code -Dmodelcost.fuzz.runs=1000000}, and may spread it over threads ({@code -Dmodelcost.fuzz.threads=4}) (see the README's fuzzing section).
 */
class MutationFuzzTest {
    // A long run may pick its own seed (-Dmodelcost.fuzz.seed=N) to cover inputs earlier runs did not.
    private static final long SEED = Long.getLong("modelcost.fuzz.seed", 20261129L);
    private static final long RUNS = Long.getLong("modelcost.fuzz.runs", 3_000);
    private static final int THREADS = Integer.getInteger("modelcost.fuzz.threads", 1);
    private static final int MAX_INPUT_BYTES = 256 * 1024;

    @Test
    void onnxSeedsAndMutationsAreAnsweredCleanly() throws Exception {
        List<byte[]> seeds = FuzzSeeds.onnx();
        assertTrue(seeds.size() >= 8, "ONNX seeds made from the corpus: " + seeds.size());
        check("onnx", "fuzz.onnx", seeds);
    }

    @Test
    void kerasSeedsAndMutationsAreAnsweredCleanly() throws Exception {
        List<byte[]> seeds = FuzzSeeds.keras(MAX_INPUT_BYTES);
        assertTrue(seeds.size() >= 5, "Keras seeds from the corpus: " + seeds.size());
        // One harness name for both containers: the importer tells HDF5 from zip by content.
        check("keras", "fuzz.h5", seeds);
    }

    @Test
    void dl4jSeedsAndMutationsAreAnsweredCleanly() throws Exception {
        List<byte[]> seeds = FuzzSeeds.dl4j(MAX_INPUT_BYTES);
        assertTrue(seeds.size() >= 10, "DL4J seeds from the corpus: " + seeds.size());
        check("dl4j", "fuzz.zip", seeds);
    }

    @Test
    void safetensorsSeedsAndMutationsAreAnsweredCleanly() throws Exception {
        List<byte[]> seeds = NewFormatSeeds.safetensors();
        assertTrue(seeds.size() >= 8, "safetensors seeds from the corpus: " + seeds.size());
        check("safetensors", "fuzz.safetensors", seeds);
    }

    @Test
    void ggufSeedsAndMutationsAreAnsweredCleanly() throws Exception {
        List<byte[]> seeds = NewFormatSeeds.gguf();
        assertTrue(seeds.size() >= 10, "GGUF seeds: " + seeds.size());
        check("gguf", "fuzz.gguf", seeds);
    }

    @Test
    void tfliteSeedsAndMutationsAreAnsweredCleanly() throws Exception {
        List<byte[]> seeds = FuzzSeeds.tflite(MAX_INPUT_BYTES);
        assertTrue(seeds.size() >= 6, "TFLite seeds from the corpus: " + seeds.size());
        check("tflite", "fuzz.tflite", seeds);
    }

    @Test
    void pytorchSeedsAndMutationsAreAnsweredCleanly() throws Exception {
        List<byte[]> seeds = FuzzSeeds.pytorch(MAX_INPUT_BYTES);
        assertTrue(seeds.size() >= 7, "PyTorch seeds from the corpus: " + seeds.size());
        check("pytorch", "fuzz.pt", seeds);
    }

    static void check(String importer, String fileName, List<byte[]> seeds) throws InterruptedException {
        FuzzRun.Result r = FuzzRun.run(
                importer,
                THREADS,
                lane -> {
                    Mutator mutator = new Mutator(SEED + lane, seeds, MAX_INPUT_BYTES);
                    Iterator<byte[]> seedFirst =
                            (lane == 0 ? new ArrayList<>(seeds) : new ArrayList<byte[]>()).iterator();
                    return new FuzzRun.Lane(
                            new FuzzHarness(fileName), () -> seedFirst.hasNext() ? seedFirst.next() : mutator.next());
                },
                seeds.size() + RUNS);
        System.out.println(r.summary() + ", seed " + SEED);
        assertEquals(
                List.of(), r.findings(), r.summary() + ", seed " + SEED + "; inputs saved in target/fuzz-findings");
        assertTrue(r.reports() > 0, "no seed gave a report: the seeds are not valid models");
    }
}
