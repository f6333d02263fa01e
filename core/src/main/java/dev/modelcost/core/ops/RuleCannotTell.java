package dev.modelcost.core.ops;

/**
 * Thrown by an {@link OpRule} when the node's inputs or attributes do not let it tell an answer (an axis out of
 * range, shapes that do not broadcast, a missing subgraph): the analysis names the node and what is unknown in a
 * diagnostic and goes on. Any other exception from a rule is a bug, and is not caught.
 */
public final class RuleCannotTell extends RuntimeException {
    /** @param whatIsUnknown what the rule could not tell and why, for the diagnostic ("axis 5 out of range for rank 2") */
    public RuleCannotTell(String whatIsUnknown) {
        super(whatIsUnknown);
    }
}
