package dev.modelcost.importer.dl4j;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.VGG16;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Writes a real VGG-16 (deeplearning4j-zoo, ImageNet shape) with Adam updater state through DL4J's own
 * ModelSerializer, then inspects it with modelcost and notes the time and the heap it took. Runs only in
 * the "vgg16" profile with -Dmodelcost.vgg16.out=FILE (the file is ~1.5 GB; never commit it).
 */
class Vgg16GeneratorTest {
    @Test
    void writeAndInspectVgg16WithAdam() throws Exception {
        String out = System.getProperty("modelcost.vgg16.out");
        assumeTrue(out != null, "set -Dmodelcost.vgg16.out=FILE to generate the VGG-16 fixture");
        Path file = Path.of(out);
        long params;
        long state;
        long t0 = System.nanoTime();
        {
            ComputationGraph net = VGG16.builder()
                    .numClasses(1000)
                    .updater(new Adam(1e-3))
                    .build()
                    .init();
            params = net.numParams();
            state = net.getUpdater().getStateViewArray().length();
            ModelSerializer.writeModel(net, file.toFile(), true);
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long before = heapUsed();
        resetPeaks();
        long t1 = System.nanoTime();
        ImportedModel m = OpenSources.read(file);
        Report r = new ModelAnalysis(OpRegistry.standard()).analyze(m, Assumptions.DEFAULT);
        double inspectMs = (System.nanoTime() - t1) / 1e6;
        long peak = heapPeak();
        assertEquals(params, r.parameters().total(), "DL4J's numParams");
        assertEquals(Long.toString(state), m.metadata().get("dl4j.updaterState.length"), "DL4J's updater state length");
        assertEquals(
                Files.size(file),
                r.ledger().entries().stream().mapToLong(LedgerEntry::bytes).sum());
        String note = String.format(
                "VGG-16 (deeplearning4j-zoo 1.0.0-M2.1, Adam): %d parameters, %d updater state values;%n"
                        + "file %d bytes (%.1f MB), written by DL4J in %.1f s;%n"
                        + "modelcost import+analysis: %.1f ms, heap used before %.1f MB, peak heap pools during %.1f MB, MACs %d%n",
                params,
                state,
                Files.size(file),
                Files.size(file) / 1e6,
                writeSeconds,
                inspectMs,
                before / 1e6,
                peak / 1e6,
                r.macs());
        System.out.print(note);
        Files.writeString(Path.of(out + ".txt"), note);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
