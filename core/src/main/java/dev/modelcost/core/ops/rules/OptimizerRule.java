package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

/**
 * Training optimizers of ai.onnx.preview.training (Adagrad, Momentum, Adam): inputs R, T, then {@code groups}
 * groups of n tensors (X, G, then the optimizer state); outputs are the new X and state groups, each
 * shaped like its input group (the gradients G have no output).
 */
final class OptimizerRule implements OpRule {
    private final int groups;

    OptimizerRule(int groups) { this.groups = groups; }

    @Override
    public void infer(InferenceContext ctx) {
        int n = (ctx.inputCount() - 2) / groups;
        for (int i = 0; i < ctx.node().outputs().size() && n > 0; i++) {
            int group = i / n;
            int inputGroup = group == 0 ? 0 : group + 1;
            ctx.setOutput(i, ctx.input(2 + inputGroup * n + i % n));
        }
    }

    @Override
    public TensorRole roleOfInput(int index) { return index < 2 ? TensorRole.CONSTANT : null; }

    @Override
    public String shapeRule() { return "new X and optimizer-state groups shaped like their inputs"; }
}
