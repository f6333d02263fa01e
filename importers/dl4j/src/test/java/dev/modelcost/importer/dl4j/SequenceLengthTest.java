package dev.modelcost.importer.dl4j;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.testsupport.Prerequisites;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sequence length given at analysis time (--dim time=N) flows through 1D convolution, pooling, cropping and
 * padding as DL4J computes it: DL4J's own getLayerActivationTypes for the same length is the oracle.
 */
class SequenceLengthTest {
    @Test
    void cnn1dLengthsMatchDl4j() throws Exception {
        Path file = Dl4jCorpusTest.corpusFiles().stream()
                .filter(p -> p.getFileName().toString().contains("CNN1dCharacterTestCase"))
                .findFirst()
                .orElse(null);
        Prerequisites.need(file != null, "the corpus's DL4J CNN1dCharacterTestCase file", "the corpus is incomplete");
        long steps = 100;
        String json;
        try (ZipFile z = new ZipFile(file.toFile())) {
            json = new String(z.getInputStream(z.getEntry("configuration.json")).readAllBytes());
        }
        Map<String, InputType> dl4j =
                ComputationGraphConfiguration.fromJson(json).getLayerActivationTypes(InputType.recurrent(77, steps));

        ImportedModel m = OpenSources.read(file);
        Report r = new ModelAnalysis(OpRegistry.standard()).analyze(m, new Assumptions(1, Map.of("time", steps), null));
        int checked = 0;
        for (LayerRow row : r.layers()) {
            InputType t = dl4j.get(row.name());
            if (t instanceof InputType.InputTypeRecurrent rec) {
                assertEquals(
                        rec.getTimeSeriesLength(), row.output().shape().dim(2).size(), "length after " + row.name());
                assertEquals(rec.getSize(), row.output().shape().dim(1).size(), "features after " + row.name());
                checked++;
            }
        }
        assertEquals(5, checked);
        assertTrue(r.macsComplete(), "every MAC known once the length is");
        // Convolution1D 77→32, kernel 3: output elements × 77 × 3; RnnOutputLayer 32→77: output elements × 32
        long conv = dl4j.get("0").arrayElementsPerExample() * 77 * 3;
        long out = dl4j.get("out").arrayElementsPerExample() * 32;
        assertEquals(conv + out, r.macs());
    }
}
