package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * Training optimizers of ai.onnx.preview.training (Adagrad, Momentum, Adam): inputs R, T, then {@code groups}
 * groups of n tensors (X, G, then the optimizer state); outputs are the new X and state groups, each
 * shaped like its input group (the gradients G have no output).
 */
final class OptimizerRule implements OpRule {
    private final int groups;

    private final List<OpKey> keys;

    private OptimizerRule(int groups, String... opTypes) {
        this.groups = groups;
        this.keys = OpKey.each(Domains.TRAINING, 1, opTypes);
    }

    /** Adagrad and Momentum: R, T, then groups of (X, G, H/V). */
    static OptimizerRule threeTensorGroups() {
        return new OptimizerRule(3, "Adagrad", "Momentum");
    }

    /** Adam: R, T, then groups of (X, G, V, H). */
    static OptimizerRule adam() {
        return new OptimizerRule(4, "Adam");
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

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
    public TensorRole roleOfInput(int index) {
        return index < 2 ? TensorRole.CONSTANT : null;
    }

    @Override
    public String shapeRule() {
        return "new X and optimizer-state groups shaped like their inputs";
    }
}
