package dev.modelcost.importer.tflite.rules;

import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.OptionalLong;

/**
 * A builtin whose output types are the ones the file stores (shape inference fills them from the declared
 * values). MACs are 0 for the ops this project does not cost (elementwise, pooling, data movement) and unknown
 * for the rest (recurrent cells, custom-like builtins), so that totals say they are lower bounds.
 */
final class DeclaredShapeRule implements OpRule {
    private final List<OpKey> keys;
    private final boolean noMacs;
    private final Allocation allocation;

    /** The builtins {@code names}: shapes as stored, no MACs where {@code noMacs}, outputs allocated as {@code allocation}. */
    DeclaredShapeRule(List<String> names, boolean noMacs, Allocation allocation) {
        this.keys = OpKey.each(TfliteRules.DOMAIN, 1, names.toArray(String[]::new));
        this.noMacs = noMacs;
        this.allocation = allocation;
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        // The file stores every tensor's shape; those declared values are the outputs.
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        return noMacs ? OptionalLong.of(0) : OptionalLong.empty();
    }

    @Override
    public Allocation allocation() {
        return allocation;
    }

    @Override
    public String shapeRule() {
        return "the output shapes the file stores";
    }

    @Override
    public String costFormula() {
        return noMacs ? "0 MACs (none counted)" : "unknown (not costed)";
    }
}
