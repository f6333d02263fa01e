package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The operator rules with what PyTorch's in-place kernels really keep for backward where that differs from the
 * ideal table: {@code hardtanh_} (ReLU6, Clip) computes its gradient from its input, so autograd keeps a copy of the
 * input before overwriting it (torch 1.13: a {@code clone} per call, measured), where the ideal table keeps the output.
 */
final class AutogradRules {
    private static final Set<String> KEEP_INPUT_COPY = Set.of("Clip");

    private AutogradRules() {}

    static OpRegistry of(OpRegistry registry) {
        List<OpRule> rules = new ArrayList<>();
        for (Map.Entry<OpKey, OpRule> e : registry.all().entrySet()) {
            boolean override = e.getKey().domain().isEmpty()
                    && KEEP_INPUT_COPY.contains(e.getKey().opType());
            rules.add(new Keyed(e.getKey(), e.getValue(), override));
        }
        return OpRegistry.ofRules(rules);
    }

    /** One key of a rule, delegating everything but what the op keeps for backward. */
    private record Keyed(OpKey key, OpRule rule, boolean keepsInput) implements OpRule {
        @Override
        public List<OpKey> keys() {
            return List.of(key);
        }

        @Override
        public void infer(InferenceContext ctx) {
            rule.infer(ctx);
        }

        @Override
        public OptionalLong macs(NodeContext ctx) {
            return rule.macs(ctx);
        }

        @Override
        public TensorRole roleOfInput(int index) {
            return rule.roleOfInput(index);
        }

        @Override
        public TensorRole roleOfAttribute(String name) {
            return rule.roleOfAttribute(name);
        }

        @Override
        public Allocation allocation(Node node) {
            return rule.allocation(node);
        }

        @Override
        public Allocation trainingAllocation(Node node) {
            return keepsInput ? Allocation.NEW : rule.trainingAllocation(node);
        }

        @Override
        public BackwardSaves savedForBackward(Node node) {
            return keepsInput ? BackwardSaves.FIRST_INPUT : rule.savedForBackward(node);
        }

        @Override
        public String shapeRule() {
            return rule.shapeRule();
        }

        @Override
        public String costFormula() {
            return rule.costFormula();
        }
    }
}
