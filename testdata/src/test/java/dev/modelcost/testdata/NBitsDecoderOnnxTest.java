package dev.modelcost.testdata;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 4-bit decoder generator at a small size, its figures derived by hand. */
class NBitsDecoderOnnxTest {
    @TempDir
    Path dir;

    /**
     * vocab 64, hidden 64, 2 layers, 16 tokens, blocks of 32. Weights: embedding 64 × 64 = 4,096, each layer 12 × 64²
     * (q, k, v, o 64 × 64, up and down 64 × 256) = 49,152: 102,400. Scales, one per 32 weights: 102,400 / 32 = 3,200.
     * LayerNorm: 2 per layer × (64 + 64) = 512. MACs per layer: q, k, v, o, up, down 16 × 12 × 64² = 786,432, and
     * attention q·kᵀ and probs·v 2 × 16 × 16 × 64 = 32,768: 819,200; 1,638,400 in all (the lookup counts none).
     * Bytes as stored: weights packed two to a byte 51,200, fp32 scales 12,800, LayerNorm 2,048: 66,048; dequantized to
     * fp32 they would take (102,400 + 3,200 + 512) × 4 = 424,448.
     */
    @Test
    void smallDecoderCountsItsLogicalWeightsScalesAndMacs() throws Exception {
        Path f = dir.resolve("decoder.onnx");
        NBitsDecoderOnnx.write(f, 64, 64, 2, 16, 32);
        Report r = ModelCost.standard().inspect(f, Assumptions.DEFAULT);
        assertEquals(102_400, r.parameters().role(TensorRole.WEIGHT));
        assertEquals(3_200, r.parameters().role(TensorRole.QUANTIZATION));
        assertEquals(512, r.parameters().role(TensorRole.NORM_SCALE_SHIFT));
        assertEquals(0, r.parameters().role(TensorRole.OTHER_PARAMETER));
        assertEquals(1_638_400, r.macs());
        assertTrue(r.macsComplete());
        assertEquals(Shape.of(1, 16, 64), r.outputs().get(0).type().shape());
        assertEquals(0, r.ledger().unexplainedBytes());
        assertEquals(66_048, r.parameters().storedBytes());
        assertEquals(424_448, r.parameters().logicalBytes());
        assertEquals(66_048 + r.activations().peakLiveBytes(), r.memoryToRunBytes(), "weights held packed");
    }
}
