package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.DimArithmetic;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reshape with a known target (the {@code shape} attribute before opset 5, the second input after):
 * 0 copies the input dimension (unless allowzero), -1 takes what is left. A view.
 */
final class ReshapeRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Reshape"), OpKey.onnx("Reshape", 5));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        long[] target = ctx.node().intsAttr("shape").orElse(null);
        if (target == null) {
            Optional<ConstantValues> v = ctx.inputValues(1);
            if (v.isEmpty() && ctx.inputDims(1).isPresent()) {
                boolean allowZero = ctx.node().intAttr("allowzero", 0) != 0;
                ctx.setOutput(
                        0,
                        new TensorType(
                                ctx.input(0).dtype(),
                                resolveSymbolic(x, ctx.inputDims(1).get(), allowZero)));
                return;
            }
            if (v.isEmpty()) {
                Shape s = ctx.input(1).shape();
                int rank = s.isFullyKnown() && s.rank() == 1 ? (int) s.dim(0).size() : -1;
                ctx.diagnose("target shape is computed at run time; output shape unknown");
                ctx.setOutput(
                        0,
                        new TensorType(
                                ctx.input(0).dtype(), rank >= 0 ? Shape.unknownOfRank(rank) : Shape.UNKNOWN_RANK));
                return;
            }
            target = v.get().asLongs();
        }
        boolean allowZero = ctx.node().intAttr("allowzero", 0) != 0;
        Shape out;
        if (x.isFullyKnown() || !x.hasRank()) {
            out = resolve(x, target, allowZero);
        } else {
            List<Dim> dims = new ArrayList<>();
            for (long t : target) {
                dims.add(DimArithmetic.ofValue(t));
            }
            out = resolveSymbolic(x, dims, allowZero);
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), out));
        ctx.inputValues(0).ifPresent(v -> ctx.setOutputValues(0, v));
    }

    static Shape resolve(Shape x, long[] target, boolean allowZero) {
        List<Dim> out = new ArrayList<>(target.length);
        int inferAxis = -1;
        for (int i = 0; i < target.length; i++) {
            long t = target[i];
            if (t == 0 && !allowZero) {
                out.add(x.hasRank() && i < x.rank() ? x.dim(i) : Dim.UNKNOWN);
            } else if (t == -1) {
                inferAxis = i;
                out.add(Dim.UNKNOWN);
            } else if (t < 0) {
                throw new RuleCannotTell("invalid reshape target " + t);
            } else {
                out.add(Dim.of(t));
            }
        }
        if (inferAxis >= 0 && x.isFullyKnown()) {
            long known = 1;
            boolean complete = true;
            for (int i = 0; i < out.size(); i++) {
                if (i != inferAxis) {
                    if (!out.get(i).isFixed()) {
                        complete = false;
                    } else {
                        known = Math.multiplyExact(known, out.get(i).size());
                    }
                }
            }
            long total = x.elementCount().getAsLong();
            if (complete && known != 0) {
                if (total % known != 0) {
                    throw new RuleCannotTell("cannot reshape " + total + " elements to " + Arrays.toString(target));
                }
                out.set(inferAxis, Dim.of(total / known));
            }
        }
        Shape result = Shape.of(out);
        // A reshape keeps every element: a fixed target of another size is a size the file fixed (a batch folded
        // into it) that the shapes given here do not fit.
        if (inferAxis < 0
                && x.isFullyKnown()
                && result.isFullyKnown()
                && result.elementCount().getAsLong() != x.elementCount().getAsLong()) {
            throw new RuleCannotTell(
                    "cannot reshape " + x.elementCount().getAsLong() + " elements to " + Arrays.toString(target));
        }
        return result;
    }

    /** A target holding symbolic entries (from Shape of a dynamic input): the −1 entry is divided out exactly where it can be. */
    static Shape resolveSymbolic(Shape x, List<Dim> target, boolean allowZero) {
        List<Dim> out = new ArrayList<>(target.size());
        int inferAxis = -1;
        for (int i = 0; i < target.size(); i++) {
            var c = DimArithmetic.constant(target.get(i));
            if (c.isPresent() && c.getAsLong() == 0 && !allowZero) {
                out.add(x.hasRank() && i < x.rank() ? x.dim(i) : Dim.UNKNOWN);
            } else if (c.isPresent() && c.getAsLong() == -1) {
                inferAxis = i;
                out.add(Dim.UNKNOWN);
            } else if (c.isPresent() && c.getAsLong() < 0) {
                throw new RuleCannotTell("invalid reshape target " + c.getAsLong());
            } else {
                out.add(target.get(i));
            }
        }
        if (inferAxis >= 0 && x.hasRank()) {
            Dim total = DimMath.product(x, 0, x.rank());
            Dim known = Dim.of(1);
            for (int i = 0; i < out.size(); i++) {
                if (i != inferAxis) {
                    known = DimArithmetic.mul(known, out.get(i));
                }
            }
            out.set(inferAxis, DimArithmetic.divExact(total, known));
        }
        return Shape.of(out);
    }

    @Override
    public Allocation allocation() {
        return Allocation.VIEW;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.CONSTANT : null;
    }

    /** A view: its gradient is the output gradient reshaped. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "the target shape (0 copies, -1 infers); a view";
    }
}
