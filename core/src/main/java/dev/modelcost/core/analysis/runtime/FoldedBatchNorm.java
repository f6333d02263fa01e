package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.ir.Node;

/**
 * Whether a convolution of the file ran with a BatchNorm after it in the eager model the file was exported from.
 * torch.onnx folds an eval-mode BatchNorm into the convolution before it and names the folded weight after its
 * consumer, {@code onnx::Conv_<n>}, where an unfolded convolution keeps its parameter's module path
 * ({@code features.0.weight}); folding also gives the convolution a bias. Other exporters' files are taken as they
 * are.
 */
final class FoldedBatchNorm {
    private FoldedBatchNorm() {}

    static boolean isFolded(Node conv) {
        return conv.opType().equals("Conv") && conv.input(1).startsWith("onnx::Conv_") && conv.hasInput(2);
    }
}
