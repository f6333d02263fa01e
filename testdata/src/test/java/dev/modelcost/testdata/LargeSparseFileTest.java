package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 4 GiB safetensors checkpoint (written sparsely by SparseSafetensors) is inspected from its header alone, in the
 * suite's 256 MiB heap: the inspection's CPU time stays far below what reading 4 GiB would take.
 */
class LargeSparseFileTest {
    @TempDir
    Path dir;

    @Test
    void fourGibibyteCheckpointIsInspectedFromItsHeader() throws Exception {
        Path file = dir.resolve("model.safetensors");
        int layers = SparseSafetensors.write(file, 4L << 30);
        assertEquals(10, layers);
        assertTrue(Files.size(file) > 4L << 30);
        ModelCost mc = ModelCost.standard();
        mc.inspect(file); // load the classes first: the timing below is the inspection's own work
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        Report r = mc.inspect(file);
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
        // Llama-2-7B shapes: embedding and head 2 × 32,000 × 4,096, final norm 4,096; per block two norms of 4,096,
        // four 4,096² attention projections, three 11,008 × 4,096 MLP projections.
        long perBlock = 2L * 4096 + 4L * 4096 * 4096 + 3L * 11008 * 4096;
        assertEquals(2L * 32000 * 4096 + 4096 + 10 * perBlock, r.parameters().total());
        assertEquals(0, r.ledger().unexplainedBytes());
        assertEquals(2L * 10 * 32 * 128 * 2, r.kvCache().bytesPerToken(), "2 x layers x KV heads x head size x bf16");
        assertTrue(cpuNanos < 1_000_000_000L, "inspection CPU time " + cpuNanos / 1_000_000 + " ms");
    }
}
