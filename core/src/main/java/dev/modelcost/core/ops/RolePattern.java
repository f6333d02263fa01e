package dev.modelcost.core.ops;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorRole;

import java.util.Map;

/**
 * A graph pattern that tells the role of stored tensors no single node's rule can (a MatMul then Add of a stored
 * vector is a linear layer's bias). Registered with the rules; role resolution runs every pattern on every graph.
 */
public interface RolePattern {
    /** Adds suggestions for stored tensors of {@code graph} it recognises; keeps suggestions already made. */
    void suggest(Graph graph, Map<String, TensorRole> suggested);

    /** One line for docs/ops.md: what the pattern matches and which role it gives. */
    String description();
}
