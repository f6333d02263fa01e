package dev.modelcost.core.ops;

import java.util.Map;

/** A set of rules, found with {@link java.util.ServiceLoader} (importers add their own domains). */
public interface OpRuleProvider {
    Map<OpKey, OpRule> rules();
}
