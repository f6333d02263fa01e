package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * VGG-16 against its published figures (Simonyan and Zisserman 2014; Keras and torchvision model summaries):
 * 138,357,544 parameters = 138,344,128 weights + 13,416 biases; 15,470,264,320 MACs; the Keras summary's
 * output shapes add up to 15,237,608 values with the input; torchvision's adaptive pool adds 7×7×512.
 */
class Vgg16OnnxTest {
    @TempDir
    Path dir;

    private Report inspect(Vgg16Onnx.Layout layout, long batch) throws Exception {
        Path f = dir.resolve(layout + ".onnx");
        Vgg16Onnx.write(f, layout, StreamingOnnxWriter.Payload.HOLES);
        return ModelCost.standard().inspect(f, new Assumptions(batch, Map.of(), null));
    }

    @Test
    void kerasLayoutReproducesTheCorrectedSeedTable() throws Exception {
        Report r = inspect(Vgg16Onnx.Layout.KERAS, 1);
        assertEquals(138_357_544L, r.parameters().total());
        assertEquals(138_344_128L, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(13_416L, r.parameters().role(TensorRole.BIAS));
        assertEquals(553_430_176L, r.parameters().logicalBytes());
        assertEquals(15_470_264_320L, r.macs());
        assertEquals(15_237_608L, r.activations().layerOutputElements());
        assertEquals(Shape.of(1, 1000), r.outputs().get(0).type().shape());
        assertEquals(0, r.ledger().unexplainedBytes());
    }

    @Test
    void torchvisionLayoutAddsTheAdaptivePoolOutput() throws Exception {
        Report r = inspect(Vgg16Onnx.Layout.TORCHVISION, 1);
        assertEquals(138_357_544L, r.parameters().total());
        assertEquals(15_470_264_320L, r.macs());
        assertEquals(15_237_608L + 7 * 7 * 512, r.activations().layerOutputElements());
    }

    @Test
    void layerRowsAddUpToTheTotals() throws Exception {
        Report r = inspect(Vgg16Onnx.Layout.KERAS, 1);
        long params = 0;
        long macs = 0;
        long act = 224 * 224 * 3;
        for (LayerRow l : r.layers()) {
            params += l.parameters();
            macs += l.macs();
            act += l.activationElements();
        }
        assertEquals(r.parameters().total(), params);
        assertEquals(r.macs(), macs);
        assertEquals(r.activations().layerOutputElements(), act);
    }

    @Test
    void batchScalesThePeakLinearly() throws Exception {
        long one = inspect(Vgg16Onnx.Layout.KERAS, 1).activations().peakLiveBytes();
        assertEquals(32 * one, inspect(Vgg16Onnx.Layout.KERAS, 32).activations().peakLiveBytes());
    }
}
