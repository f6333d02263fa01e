package dev.modelcost.testdata.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz target for the Gguf importer and every analysis after it. In the normal suite (regression
 * mode) it runs the empty input and the crash reproducers under
 * {@code src/test/resources/dev/modelcost/testdata/fuzz/GgufFuzzTestInputs/gguf/}; with {@code JAZZER_FUZZ=1}
 * (Maven profile {@code fuzz}) it fuzzes for a million inputs, seeded from the shared corpus at start.
 */
class GgufFuzzTest {
    private static FuzzHarness harness;

    @BeforeAll
    static void seedAndWarmUp() {
        harness = new FuzzHarness("fuzz.gguf");
        harness.inspect(new byte[0]);
        JazzerSeeds.prepare(GgufFuzzTest.class, "gguf", NewFormatSeeds::gguf, harness);
    }

    // No JUnit @Timeout: in fuzzing mode the whole run is one invocation, which JUnit would then report as
    // timed out. The per-input limit is libFuzzer's -timeout, set by the fuzz profile (testdata/pom.xml).
    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "6h")
    void gguf(byte[] data) {
        harness.inspect(data);
    }
}
