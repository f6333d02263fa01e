package dev.modelcost.importer.keras;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ModelAnalysis;
import dev.modelcost.core.analysis.Optimizer;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.TrainingSummary;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.modelcost.importer.keras.Synthetic.W;
import static dev.modelcost.importer.keras.Synthetic.layer;
import static dev.modelcost.importer.keras.Synthetic.model;
import static dev.modelcost.importer.keras.Synthetic.sequential;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the Keras same-shape layers keep for a training step (the PyTorch autograd convention of docs/memory.md).
 * Byte counts by hand, fp32 activations, batch 1.
 */
class KerasTrainingHooksTest {

    private static TrainingSummary training(String config, W... weights) throws Exception {
        Assumptions a = new Assumptions(1, Map.of(), null, TrainingAssumptions.of(Optimizer.SGD));
        return new ModelAnalysis(OpRegistry.standard())
                .analyze(model(config, weights), a)
                .training();
    }

    private static String dense(String name, int units) {
        return layer("Dense", "\"name\": \"" + name + "\", \"units\": " + units + ", \"activation\": \"linear\"");
    }

    private static final W[] WEIGHTS = {
        new W("d1", "kernel:0", 10, 20), new W("d1", "bias:0", 20),
        new W("d2", "kernel:0", 20, 5), new W("d2", "bias:0", 5)
    };

    /**
     * Dense(20) keeps x (10 × 4 = 40 B); ReLU keeps its output (20 × 4 = 80 B); Dropout writes a new masked tensor
     * and keeps a bool mask (20 × 1 = 20 B); Dense(5) keeps the dropout's output (20 × 4 = 80 B): 220 B.
     */
    @Test
    void dropoutWritesANewTensorAndKeepsAByteMaskWhileReluKeepsItsOutput() throws Exception {
        String cfg = sequential(
                "[null, 10]",
                dense("d1", 20),
                layer("Activation", "\"name\": \"r\", \"activation\": \"relu\""),
                layer("Dropout", "\"name\": \"drop\", \"rate\": 0.5"),
                dense("d2", 5));
        assertEquals(220, training(cfg, WEIGHTS).savedActivationsBytes());
    }

    /** GaussianNoise adds noise: nothing kept, but its output is a new tensor that Dense(5) keeps: 40 + 80 = 120 B. */
    @Test
    void gaussianNoiseKeepsNothingButWritesANewTensor() throws Exception {
        String cfg = sequential(
                "[null, 10]",
                dense("d1", 20),
                layer("GaussianNoise", "\"name\": \"n\", \"stddev\": 0.1"),
                dense("d2", 5));
        assertEquals(120, training(cfg, WEIGHTS).savedActivationsBytes());
    }

    /** GaussianDropout multiplies by float32 noise it keeps (20 × 4 = 80 B): 40 + 80 + 80 = 200 B. */
    @Test
    void gaussianDropoutKeepsItsFloatNoise() throws Exception {
        String cfg = sequential(
                "[null, 10]",
                dense("d1", 20),
                layer("GaussianDropout", "\"name\": \"g\", \"rate\": 0.1"),
                dense("d2", 5));
        assertEquals(200, training(cfg, WEIGHTS).savedActivationsBytes());
    }
}
