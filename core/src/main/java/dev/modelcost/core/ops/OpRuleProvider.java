package dev.modelcost.core.ops;

import java.util.List;

/**
 * A set of rules (and graph patterns that give stored tensors their roles), found with
 * {@link java.util.ServiceLoader}: core provides the ONNX domains, importers add their own. Every rule declares
 * its own keys; the registry refuses a key that two rules claim, so a provider can add but never override.
 */
public interface OpRuleProvider {
    List<OpRule> rules();

    /** Multi-node patterns that suggest roles for stored tensors which no single node's rule can tell. */
    default List<RolePattern> rolePatterns() {
        return List.of();
    }
}
