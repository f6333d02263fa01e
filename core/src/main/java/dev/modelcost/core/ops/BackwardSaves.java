package dev.modelcost.core.ops;

/**
 * What one application of an operator keeps from its forward pass until its backward pass runs, as
 * PyTorch's autograd formulas keep it (the reference runtime; docs/memory.md lists every family).
 * Only activations count: stored parameters are resident anyway. {@code auxBitsPerOutputElement} is an
 * extra buffer the op writes for backward only, sized like its first output (MaxPool's int64 argmax
 * indices: 64; Dropout's bool mask: 8).
 *
 * @param inputs which activation inputs are kept
 * @param outputs whether the outputs are kept (ReLU, Sigmoid, Softmax recompute their gradient from them)
 */
public record BackwardSaves(Inputs inputs, boolean outputs, int auxBitsPerOutputElement) {

    public enum Inputs {
        NONE,
        FIRST,
        ALL
    }

    /** Shape-only ops and ops with zero or pass-through gradients (Add, Concat, Reshape, comparisons). */
    public static final BackwardSaves NOTHING = new BackwardSaves(Inputs.NONE, false, 0);
    /** Every activation input (Conv, Gemm, MatMul, Mul); the default for rules that say nothing. */
    public static final BackwardSaves INPUTS = new BackwardSaves(Inputs.ALL, false, 0);
    /** The data input only (BatchNormalization, PRelu, Gelu, average pooling). */
    public static final BackwardSaves FIRST_INPUT = new BackwardSaves(Inputs.FIRST, false, 0);
    /** The outputs only (Relu, Sigmoid, Tanh, Softmax, Clip). */
    public static final BackwardSaves OUTPUTS = new BackwardSaves(Inputs.NONE, true, 0);

    public BackwardSaves {
        if (auxBitsPerOutputElement < 0) {
            throw new IllegalArgumentException("auxBitsPerOutputElement must not be negative");
        }
    }

    public BackwardSaves withAuxBits(int bitsPerOutputElement) {
        return new BackwardSaves(inputs, outputs, bitsPerOutputElement);
    }

    public boolean savesInput(int index) {
        return inputs == Inputs.ALL || inputs == Inputs.FIRST && index == 0;
    }

    public boolean isNothing() {
        return inputs == Inputs.NONE && !outputs && auxBitsPerOutputElement == 0;
    }

    /** One phrase for docs/ops.md and the text report: "inputs", "output + 64-bit indices per output element". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        switch (inputs) {
            case ALL -> sb.append("inputs");
            case FIRST -> sb.append("first input");
            default -> {}
        }
        if (outputs) {
            sb.append(sb.length() > 0 ? " + " : "").append("output");
        }
        if (auxBitsPerOutputElement > 0) {
            sb.append(sb.length() > 0 ? " + " : "")
                    .append(auxBitsPerOutputElement)
                    .append("-bit mask/indices per output element");
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
    }
}
