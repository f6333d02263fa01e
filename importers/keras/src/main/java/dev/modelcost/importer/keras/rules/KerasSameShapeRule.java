package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.Set;

/**
 * Layers whose output has the input's shape: activations (in place), dropout and noise layers
 * (views at inference), normalisations and rescaling (new buffers). No MACs counted.
 *
 * <p>In a training step the dropout family is no view: it writes a new tensor (input times a mask or noise),
 * and keeps what its backward pass multiplies by, as PyTorch's autograd does (docs/memory.md).
 */
final class KerasSameShapeRule implements OpRule {
    /** Element-wise masks: one bool byte per element kept for backward. */
    private static final Set<String> MASKED = Set.of("Dropout", "AlphaDropout");
    /** Channel-wise masks: the mask has one value per sample and channel, not per element, and is not counted. */
    private static final Set<String> CHANNEL_MASKED =
            Set.of("SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D");
    /** Multiplicative noise of the layer's float type (Keras computes in float32): 32 bits per element kept. */
    private static final String MULTIPLICATIVE_NOISE = "GaussianDropout";
    /** Additive noise: the gradient passes through unchanged, nothing kept. */
    private static final String ADDITIVE_NOISE = "GaussianNoise";
    /** Activations whose gradient is computed from their input (PyTorch keeps self for these). */
    private static final Set<String> FROM_INPUT = Set.of("LeakyReLU", "PReLU", "ThresholdedReLU");

    private final List<OpKey> keys;
    private final Allocation allocation;

    private KerasSameShapeRule(List<OpKey> keys, Allocation allocation) {
        this.keys = keys;
        this.allocation = allocation;
    }

    /** Activation layers: computed in place. */
    static KerasSameShapeRule activations() {
        return new KerasSameShapeRule(
                KerasRules.layers("Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax"),
                Allocation.IN_PLACE);
    }

    /** Dropout, noise, masking and identity layers: the input passed on at inference. */
    static KerasSameShapeRule passThrough() {
        return new KerasSameShapeRule(
                KerasRules.layers(
                        "Dropout",
                        "GaussianNoise",
                        "GaussianDropout",
                        "AlphaDropout",
                        "ActivityRegularization",
                        "Masking",
                        "Identity",
                        "InputLayer",
                        "SpatialDropout1D",
                        "SpatialDropout2D",
                        "SpatialDropout3D"),
                Allocation.VIEW);
    }

    /** Normalisation and rescaling layers: a new tensor of the input's shape. */
    static KerasSameShapeRule normalizations() {
        return new KerasSameShapeRule(
                KerasRules.layers(
                        "BatchNormalization",
                        "LayerNormalization",
                        "GroupNormalization",
                        "UnitNormalization",
                        "Normalization",
                        "Rescaling",
                        "RMSNormalization"),
                Allocation.NEW);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = LayerConfig.firstDataInput(ctx);
        ctx.setOutput(
                0, allocation == Allocation.VIEW ? x : new TensorType(LayerConfig.outDType(ctx.node(), x), x.shape()));
    }

    @Override
    public Allocation allocation() {
        return allocation;
    }

    @Override
    public Allocation trainingAllocation(Node node) {
        return dropoutFamily(node.opType()) ? Allocation.NEW : allocation;
    }

    @Override
    public BackwardSaves savedForBackward(Node node) {
        String op = node.opType();
        if (MASKED.contains(op)) {
            return BackwardSaves.NOTHING.withAuxBits(8);
        }
        if (MULTIPLICATIVE_NOISE.equals(op)) {
            return BackwardSaves.NOTHING.withAuxBits(32);
        }
        if (CHANNEL_MASKED.contains(op) || ADDITIVE_NOISE.equals(op)) {
            return BackwardSaves.NOTHING;
        }
        return switch (allocation) {
                // views (Identity, Masking, InputLayer, ...) have an identity gradient
            case VIEW -> BackwardSaves.NOTHING;
                // ReLU, ELU, Softmax, sigmoid, tanh: the gradient comes from the output, which is kept
            case IN_PLACE -> FROM_INPUT.contains(op) ? BackwardSaves.INPUTS : BackwardSaves.OUTPUTS;
                // normalisations keep their input (the default)
            default -> BackwardSaves.INPUTS;
        };
    }

    private static boolean dropoutFamily(String op) {
        return MASKED.contains(op)
                || CHANNEL_MASKED.contains(op)
                || MULTIPLICATIVE_NOISE.equals(op)
                || ADDITIVE_NOISE.equals(op);
    }

    @Override
    public String shapeRule() {
        return "same as the input";
    }
}
