package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ops.RolePattern;

import java.util.List;

/** The role patterns core registers with its rules (see {@link dev.modelcost.core.ops.rules.BuiltInRules}). */
public final class BuiltInRolePatterns {
    private BuiltInRolePatterns() {}

    public static List<RolePattern> all() {
        return List.of(
                new LinearBiasPattern(),
                new DecomposedNormPattern(),
                new ExpandedInitialStatePattern(),
                new QuantizedBiasPattern(),
                new WeightThroughViewsPattern(),
                new DynamicQuantPattern(),
                new AnchorBufferPattern());
    }
}
