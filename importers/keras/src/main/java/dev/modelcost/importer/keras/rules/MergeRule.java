package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Merge layers over their data inputs: elementwise (Add, Subtract, Multiply, Average, Maximum, Minimum;
 * broadcast), Concatenate (axis), Dot (axes), and Keras 1 Merge (mode).
 */
final class MergeRule implements OpRule {
    enum Kind {
        ELEMENTWISE,
        CONCAT,
        DOT,
        KERAS1
    }

    private final Kind kind;

    MergeRule(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return switch (kind) {
            case ELEMENTWISE -> KerasRules.layers("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum");
            case CONCAT -> KerasRules.layers("Concatenate");
            case DOT -> KerasRules.layers("Dot");
            case KERAS1 -> KerasRules.layers("Merge");
        };
    }

    @Override
    public void infer(InferenceContext ctx) {
        List<TensorType> in = new ArrayList<>();
        for (int i : LayerConfig.dataInputs(ctx)) {
            in.add(ctx.input(i));
        }
        if (in.isEmpty() || in.stream().anyMatch(t -> !t.shape().hasRank())) {
            ctx.setOutput(
                    0,
                    new TensorType(
                            in.isEmpty()
                                    ? TensorType.UNKNOWN.dtype()
                                    : in.get(0).dtype(),
                            Shape.UNKNOWN_RANK));
            return;
        }
        Kind k = kind;
        long axis = ctx.node().intAttr("axis", -1);
        if (k == Kind.KERAS1) {
            String mode = ctx.node().stringAttr("merge_mode").orElse("sum");
            k = mode.equals("concat") ? Kind.CONCAT : mode.equals("dot") ? Kind.DOT : Kind.ELEMENTWISE;
            axis = ctx.node().intAttr("concat_axis", -1);
        }
        TensorType first = in.get(0);
        switch (k) {
            case CONCAT -> {
                int r = first.shape().rank();
                int a = (int) (axis < 0 ? axis + r : axis);
                List<Dim> out = new ArrayList<>(first.shape().dims());
                long sum = 0;
                for (TensorType t : in) {
                    Dim d = t.shape().rank() == r ? t.shape().dim(a) : Dim.UNKNOWN;
                    sum = d.isFixed() && sum >= 0 ? sum + d.size() : -1;
                }
                out.set(a, sum < 0 ? Dim.UNKNOWN : Dim.of(sum));
                ctx.setOutput(0, first.withShape(Shape.of(out)));
            }
            case DOT -> {
                if (in.size() == 2
                        && first.shape().rank() == 2
                        && in.get(1).shape().rank() == 2) {
                    ctx.setOutput(
                            0, first.withShape(Shape.of(List.of(first.shape().dim(0), Dim.of(1)))));
                } else if (in.size() == 2
                        && first.shape().rank() == 3
                        && in.get(1).shape().rank() == 3) {
                    long[] axes = ctx.node().intsAttr("axes").orElse(new long[] {
                        ctx.node().intAttr("axes", -1), ctx.node().intAttr("axes", -1)
                    });
                    int a0 = (int) (axes[0] < 0 ? axes[0] + 3 : axes[0]);
                    int a1 = (int) (axes.length > 1 ? (axes[1] < 0 ? axes[1] + 3 : axes[1]) : a0);
                    Dim left = first.shape().dim(a0 == 1 ? 2 : 1);
                    Dim right = in.get(1).shape().dim(a1 == 1 ? 2 : 1);
                    ctx.setOutput(
                            0, first.withShape(Shape.of(List.of(first.shape().dim(0), left, right))));
                } else {
                    ctx.setOutput(0, first.withShape(Shape.UNKNOWN_RANK));
                }
            }
            default -> {
                int r = in.stream().mapToInt(t -> t.shape().rank()).max().getAsInt();
                List<Dim> out = new ArrayList<>();
                for (int i = 0; i < r; i++) {
                    Dim best = null;
                    for (TensorType t : in) {
                        int j = i - (r - t.shape().rank());
                        if (j < 0) {
                            continue;
                        }
                        Dim d = t.shape().dim(j);
                        if (best == null || !best.isFixed() || best.isFixed() && best.size() == 1 && d.isFixed()) {
                            best = d;
                        }
                    }
                    out.add(best);
                }
                ctx.setOutput(0, first.withShape(Shape.of(out)));
            }
        }
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        if (kind != Kind.DOT) {
            return OptionalLong.of(0);
        }
        OptionalLong out = ctx.output(0).shape().elementCount();
        Shape a = LayerConfig.firstDataInput(ctx).shape();
        if (out.isEmpty() || !a.isFullyKnown()) {
            return OptionalLong.empty();
        }
        long reduced = a.rank() == 2 ? a.dim(1).size() : 0;
        if (a.rank() == 3) {
            long[] axes =
                    ctx.node().intsAttr("axes").orElse(new long[] {ctx.node().intAttr("axes", -1)});
            int a0 = (int) (axes[0] < 0 ? axes[0] + 3 : axes[0]);
            reduced = a.dim(a0).size();
        }
        return OptionalLong.of(Math.multiplyExact(out.getAsLong(), reduced));
    }

    @Override
    public String shapeRule() {
        return switch (kind) {
            case ELEMENTWISE -> "broadcast of the inputs";
            case CONCAT -> "the inputs' sizes summed on axis";
            case DOT -> "batched product over axes";
            case KERAS1 -> "by mode: broadcast (sum, mul, ave, max), sizes summed on concat_axis (concat), or dot";
        };
    }

    @Override
    public String costFormula() {
        return kind == Kind.DOT ? "output elements × reduced length" : "0 (elementwise or copy)";
    }
}
