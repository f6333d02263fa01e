package dev.modelcost.core.ops;

import dev.modelcost.core.ir.TensorRole;

import java.util.OptionalLong;

/**
 * Everything modelcost knows about one operator family: output types, multiply-accumulates,
 * which inputs are parameters of which role, and how the output uses memory.
 */
public interface OpRule {

    /** Sets the output types (and small output values where the op computes shapes). */
    void infer(InferenceContext ctx);

    /** Multiply-accumulates of one application; empty when shapes are unknown; 0 when the op does none. */
    default OptionalLong macs(NodeContext ctx) { return OptionalLong.of(0); }

    /**
     * Role of a stored tensor fed to input {@code index}; null leaves the default (floating point →
     * other parameter, integer or bool → constant).
     */
    default TensorRole roleOfInput(int index) { return null; }

    default Allocation allocation() { return Allocation.NEW; }

    /** One line for docs/ops.md: how the output shapes follow from the inputs. */
    default String shapeRule() { return ""; }

    /** One line for docs/ops.md: the cost convention. */
    default String costFormula() { return "0 MACs (none counted)"; }
}
