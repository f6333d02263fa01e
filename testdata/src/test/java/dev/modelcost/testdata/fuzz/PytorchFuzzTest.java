package dev.modelcost.testdata.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz target for the PyTorch importer (and its pickle reader) and every analysis after it. In the normal suite (regression
 * mode) it runs the empty input and the crash reproducers under
 * {@code src/test/resources/dev/modelcost/testdata/fuzz/PytorchFuzzTestInputs/tflite/}; with {@code JAZZER_FUZZ=1}
 * (Maven profile {@code fuzz}) it fuzzes for a million inputs, seeded from the shared corpus at start.
 */
class PytorchFuzzTest {
    private static FuzzHarness harness;

    @BeforeAll
    static void seedAndWarmUp() {
        harness = new FuzzHarness("fuzz.pt");
        harness.inspect(new byte[0]);
        JazzerSeeds.prepare(PytorchFuzzTest.class, "pytorch", () -> FuzzSeeds.pytorch(256 * 1024), harness);
    }

    // No JUnit @Timeout: in fuzzing mode the whole run is one invocation, which JUnit would then report as
    // timed out. The per-input limit is libFuzzer's -timeout, set by the fuzz profile (testdata/pom.xml).
    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "6h")
    void pytorch(byte[] data) {
        harness.inspect(data);
    }
}
