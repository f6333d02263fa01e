package dev.modelcost.core.ops;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;

import java.util.List;
import java.util.OptionalLong;

/**
 * Everything modelcost knows about one operator family: output types, multiply-accumulates,
 * which inputs are parameters of which role, and how the output uses memory.
 */
public interface OpRule {

    /**
     * The (domain, op type, since-version) keys this rule serves. A rule given to the registry declares at
     * least one; a rule used only inside another (the float Conv inside QLinearConv) may declare none.
     */
    default List<OpKey> keys() {
        return List.of();
    }

    /** Sets the output types (and small output values where the op computes shapes). */
    void infer(InferenceContext ctx);

    /** Multiply-accumulates of one application; empty when shapes are unknown; 0 when the op does none. */
    default OptionalLong macs(NodeContext ctx) {
        return OptionalLong.of(0);
    }

    /**
     * Role of a stored tensor fed to input {@code index}; null leaves the default (floating point →
     * other parameter, integer or bool → constant).
     */
    default TensorRole roleOfInput(int index) {
        return null;
    }

    /**
     * Role of numbers the op stores in its attribute {@code name} rather than in tensors (a tree ensemble's
     * thresholds, a linear model's coefficients); null where the attribute holds no parameters (hyperparameters,
     * vocabularies, tree structure). Such numbers count as parameters, never trainable, and their bytes stay in
     * the file's node attributes.
     */
    default TensorRole roleOfAttribute(String name) {
        return null;
    }

    default Allocation allocation() {
        return Allocation.NEW;
    }

    /**
     * How the first output of this node uses memory; differs from {@link #allocation()} where it depends on the
     * node (a wrapper that applies another layer per timestep allocates as that layer does).
     */
    default Allocation allocation(Node node) {
        return allocation();
    }

    /**
     * How the first output uses memory in a training step. Differs from {@link #allocation(Node)} where the
     * op behaves differently when training (Dropout writes a new, masked tensor instead of passing its input on).
     */
    default Allocation trainingAllocation(Node node) {
        return allocation(node);
    }

    /**
     * What the op keeps for its backward pass. The default, every activation input, is the common case for
     * ops with learned weights or data-dependent gradients and errs on the high side for unknown ops.
     */
    default BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.INPUTS;
    }

    /** One line for docs/ops.md: how the output shapes follow from the inputs. */
    default String shapeRule() {
        return "";
    }

    /** One line for docs/ops.md: the cost convention. */
    default String costFormula() {
        return "0 MACs (none counted)";
    }
}
