package dev.modelcost.core.report;

import dev.modelcost.core.ir.TensorType;

/**
 * One node of the graph as a table row. Parameters of a tensor shared by several nodes are counted
 * at its first consumer only, so the rows add up to the totals. {@code macs} is null when unknown.
 * {@code liveBytes} is the activation memory alive while this node runs (its inputs still held, its outputs
 * written) for the assumed batch: the live set of this step of the schedule; -1 where not computed.
 */
public record LayerRow(String name,
                       String op,
                       TensorType output,
                       long activationElements,
                       long parameters,
                       long weights,
                       long biases,
                       Long macs,
                       long liveBytes) {

    /** A row without the live set. */
    public LayerRow(String name, String op, TensorType output, long activationElements, long parameters, long weights,
                    long biases, Long macs) {
        this(name, op, output, activationElements, parameters, weights, biases, macs, -1);
    }
}
