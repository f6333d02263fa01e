package dev.modelcost.core.report;

import dev.modelcost.core.ir.TensorType;

/**
 * One node of the graph as a table row. Parameters of a tensor shared by several nodes are counted
 * at its first consumer only, so the rows add up to the totals. {@code macs} is null when unknown.
 * {@code liveBytes} is the activation memory alive while this node runs (its inputs still held, its outputs
 * written) for the assumed batch: the live set of this step of the schedule; -1 where not computed.
 * A stored tensor reached through views (Identity, Reshape) is shown at the layers that consume it;
 * {@code sharedParameters} are the elements this layer uses that an earlier row counts. {@code noOp} marks a view of
 * a stored tensor, whose row shows nothing its consumers do not (tables leave it out unless asked for all nodes).
 */
public record LayerRow(
        String name,
        String op,
        TensorType output,
        long activationElements,
        long parameters,
        long weights,
        long biases,
        Long macs,
        long liveBytes,
        long sharedParameters,
        boolean noOp) {
    /**
     * The op of a row that holds stored tensors of a file without a graph (a module's tensors): its output column is
     * the tensor's type where the row holds one tensor, the common element type with no shape where it holds several.
     */
    public static final String STORED_OP = "(stored)";

    /** A row without the live set. */
    public LayerRow(
            String name,
            String op,
            TensorType output,
            long activationElements,
            long parameters,
            long weights,
            long biases,
            Long macs) {
        this(name, op, output, activationElements, parameters, weights, biases, macs, -1);
    }

    /** A row that shares no parameters and is no no-op. */
    public LayerRow(
            String name,
            String op,
            TensorType output,
            long activationElements,
            long parameters,
            long weights,
            long biases,
            Long macs,
            long liveBytes) {
        this(name, op, output, activationElements, parameters, weights, biases, macs, liveBytes, 0, false);
    }
}
