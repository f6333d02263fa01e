package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.Optimizer;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * VGG-16 (Keras layout) against DeepLearning4J's own MemoryReport for its zoo VGG16 (deeplearning4j-zoo,
 * configuration only, fp32, Adam): ACTIVATIONS 60,348,320 bytes per example (15,087,080 values: every layer
 * output once, without the input), PARAMETERS and PARAMATER_GRADIENTS 553,430,176 bytes each (138,357,544
 * parameters), UPDATER_STATE twice that for Adam's two moments.
 */
class Vgg16MemoryTest {
    private static final long DL4J_ACTIVATION_VALUES_PER_EXAMPLE = 15_087_080L;
    private static final long DL4J_ACTIVATION_BYTES_PER_EXAMPLE = 60_348_320L;
    private static final long DL4J_PARAMETER_BYTES = 553_430_176L;
    private static final long INPUT_VALUES = 3L * 224 * 224;

    @TempDir
    Path dir;

    private Report inspect(Assumptions a) throws Exception {
        Path f = dir.resolve("vgg16.onnx");
        Vgg16Onnx.write(f, Vgg16Onnx.Layout.KERAS, StreamingOnnxWriter.Payload.HOLES);
        return ModelCost.standard().inspect(f, a);
    }

    @Test
    void perSampleActivationsWithoutTheInputReconcileWithDl4jMemoryReport() throws Exception {
        Report r = inspect(Assumptions.DEFAULT);
        assertEquals(DL4J_ACTIVATION_VALUES_PER_EXAMPLE, r.activations().layerOutputElements() - INPUT_VALUES);
        assertEquals(DL4J_ACTIVATION_BYTES_PER_EXAMPLE, r.activations().layerOutputBytes() - 4 * INPUT_VALUES);
    }

    @Test
    void adamTrainingParametersGradientsAndUpdaterMatchDl4jMemoryReport() throws Exception {
        TrainingSummary t = inspect(new Assumptions(32, Map.of(), null, TrainingAssumptions.of(Optimizer.ADAM)))
                .training();
        assertEquals(DL4J_PARAMETER_BYTES, t.parametersBytes());
        assertEquals(DL4J_PARAMETER_BYTES, t.gradientsBytes());
        assertEquals(2 * DL4J_PARAMETER_BYTES, t.optimizerStateBytes());
        assertEquals(4 * DL4J_PARAMETER_BYTES, t.parameterStateBytes());
    }

    @Test
    void theLiveSetOfTheBusiestStepIsThePeak() throws Exception {
        Report r = inspect(new Assumptions(8, Map.of(), null));
        long busiest = r.layers().stream()
                .mapToLong(dev.modelcost.core.report.LayerRow::liveBytes)
                .max()
                .orElseThrow();
        assertEquals(r.activations().peakLiveBytes(), busiest);
        assertEquals(
                r.activations().peakLive().fixedBytes()
                        + 8 * r.activations().peakLive().perSampleBytes(),
                busiest);
    }

    @Test
    void doublingTheBatchDoublesThePerSamplePartOfTheTrainingPeak() throws Exception {
        TrainingAssumptions adam = TrainingAssumptions.of(Optimizer.ADAM);
        TrainingSummary sixteen =
                inspect(new Assumptions(16, Map.of(), null, adam)).training();
        TrainingSummary thirtyTwo =
                inspect(new Assumptions(32, Map.of(), null, adam)).training();
        assertEquals(sixteen.peak().fixedBytes(), thirtyTwo.peak().fixedBytes());
        assertEquals(
                2 * (sixteen.peakBytes() - sixteen.peak().fixedBytes()),
                thirtyTwo.peakBytes() - thirtyTwo.peak().fixedBytes());
    }
}
