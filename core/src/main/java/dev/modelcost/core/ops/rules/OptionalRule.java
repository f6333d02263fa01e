package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * Optional types: an optional holding a value is that value here (Optional, OptionalGetElement pass it
 * on, tensor or sequence); OptionalHasElement is a bool scalar.
 */
final class OptionalRule implements OpRule {
    private final boolean hasElement;

    private OptionalRule(boolean hasElement) {
        this.hasElement = hasElement;
    }

    /** Optional and OptionalGetElement: the element's type. */
    static OptionalRule element() {
        return new OptionalRule(false);
    }

    /** OptionalHasElement: a bool scalar. */
    static OptionalRule hasElement() {
        return new OptionalRule(true);
    }

    @Override
    public List<OpKey> keys() {
        return hasElement
                ? List.of(OpKey.onnx("OptionalHasElement"))
                : OpKey.each(OpKey.ONNX, 1, "Optional", "OptionalGetElement");
    }

    @Override
    public void infer(InferenceContext ctx) {
        if (hasElement) {
            ctx.setOutput(0, new TensorType(DType.BOOL, Shape.SCALAR));
            return;
        }
        var seq = ctx.inputSequence(0);
        if (seq.isPresent()) {
            ctx.setOutputSequence(0, seq.get());
        } else {
            ctx.setOutput(0, ctx.input(0));
            ctx.inputValues(0).ifPresent(v -> ctx.setOutputValues(0, v));
        }
    }

    @Override
    public Allocation allocation() {
        return hasElement ? Allocation.NEW : Allocation.VIEW;
    }

    @Override
    public String shapeRule() {
        return "the contained value (tensor or sequence); OptionalHasElement bool scalar";
    }
}
