package dev.modelcost.core.report;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the graph as a table row. {@code parameterUses} are the stored parameter tensors the node uses; a
 * tensor several nodes use is counted at its first consumer only ({@link ParameterUse#counted()}), so the rows' counted
 * parameters add up to the totals, role by role. {@code macs} is null when unknown. {@code activationElements} are
 * the elements the node allocates per sample; {@code activationsComplete} is false when some of its outputs have an
 * unknown shape or dtype (the figure is then a lower bound, 0 when nothing is known).
 * {@code liveBytes} is the activation memory alive while this node runs (its inputs still held, its outputs
 * written) for the assumed batch: the live set of this step of the schedule; -1 where not computed.
 * A stored tensor reached through views (Identity, Reshape) is shown at the layers that consume it; {@code noOp}
 * marks a view of a stored tensor, whose row shows nothing its consumers do not (tables leave it out unless asked
 * for all nodes).
 */
public record LayerRow(
        String name,
        String op,
        TensorType output,
        long activationElements,
        boolean activationsComplete,
        List<ParameterUse> parameterUses,
        Long macs,
        long liveBytes,
        boolean noOp) {
    /**
     * The op of a row that holds stored tensors of a file without a graph (a module's tensors): its output column is
     * the tensor's type where the row holds one tensor, the common element type with no shape where it holds several.
     */
    public static final String STORED_OP = "(stored)";

    public LayerRow {
        parameterUses = List.copyOf(parameterUses);
    }

    /** A row without the live set, its parameters given as weights, biases and the rest as "other". */
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

    /** A row that shares no parameters and is no no-op, its parameters given as weights, biases and "other". */
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
        this(
                name,
                op,
                output,
                activationElements,
                true,
                uses(name, weights, biases, parameters - weights - biases),
                macs,
                liveBytes,
                false);
    }

    private static List<ParameterUse> uses(String layer, long weights, long biases, long other) {
        List<ParameterUse> uses = new ArrayList<>();
        if (weights != 0) {
            uses.add(new ParameterUse(layer + ":weights", TensorRole.WEIGHT, weights, true));
        }
        if (biases != 0) {
            uses.add(new ParameterUse(layer + ":biases", TensorRole.BIAS, biases, true));
        }
        if (other != 0) {
            uses.add(new ParameterUse(layer + ":other", TensorRole.OTHER_PARAMETER, other, true));
        }
        return uses;
    }

    /** Parameter elements counted at this row (each tensor is counted at its first consumer). */
    public long parameters() {
        return sum(true);
    }

    /** Elements this row uses that an earlier row counts. */
    public long sharedParameters() {
        return sum(false);
    }

    public long weights() {
        return role(TensorRole.WEIGHT);
    }

    public long biases() {
        return role(TensorRole.BIAS);
    }

    /** Elements of one role counted at this row. */
    public long role(TensorRole role) {
        return parametersByRole().getOrDefault(role, 0L);
    }

    /** Elements counted at this row, by role (only the roles it has). */
    public Map<TensorRole, Long> parametersByRole() {
        return byRole(true);
    }

    /** Elements this row uses that an earlier row counts, by role (only the roles it has). */
    public Map<TensorRole, Long> sharedByRole() {
        return byRole(false);
    }

    private long sum(boolean counted) {
        long s = 0;
        for (ParameterUse u : parameterUses) {
            if (u.counted() == counted) {
                s = Math.addExact(s, u.elements());
            }
        }
        return s;
    }

    private Map<TensorRole, Long> byRole(boolean counted) {
        Map<TensorRole, Long> m = new EnumMap<>(TensorRole.class);
        for (ParameterUse u : parameterUses) {
            if (u.counted() == counted) {
                m.merge(u.role(), u.elements(), Math::addExact);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
