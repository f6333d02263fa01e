package dev.modelcost.core.report;

import dev.modelcost.core.ir.TensorType;

/**
 * One node of the graph as a table row. Parameters of a tensor shared by several nodes are counted
 * at its first consumer only, so the rows add up to the totals. {@code macs} is null when unknown.
 */
public record LayerRow(String name,
                       String op,
                       TensorType output,
                       long activationElements,
                       long parameters,
                       long weights,
                       long biases,
                       Long macs) {
}
