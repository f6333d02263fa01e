package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;
import dev.modelcost.core.ops.SubgraphResult;
import dev.modelcost.core.ops.Types;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * If: both branches are inferred. With a known condition the taken branch's output types are the node's;
 * otherwise each output is what both branches agree on (differing dims unknown). MACs: the taken branch
 * when the condition is known, else the larger branch (an upper bound of one run).
 */
final class IfRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("If"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Graph thenBranch = Subgraphs.graph(ctx.node(), "then_branch");
        Graph elseBranch = Subgraphs.graph(ctx.node(), "else_branch");
        SubgraphResult a = Subgraphs.run(ctx, thenBranch, List.of());
        SubgraphResult b = Subgraphs.run(ctx, elseBranch, List.of());
        Optional<Boolean> cond = condition(ctx);
        if (cond.isEmpty()) {
            ctx.diagnose("condition unknown: then-branch " + count(a) + " MACs, else-branch " + count(b)
                    + " MACs; the larger is counted, outputs keep the dims both branches agree on");
        }
        for (int i = 0; i < ctx.node().outputs().size(); i++) {
            SubgraphResult taken = cond.isEmpty() ? null : cond.get() ? a : b;
            if (taken != null && i < taken.outputs().size()) {
                set(ctx, i, taken, i);
            } else if (i < a.outputs().size() && i < b.outputs().size()) {
                Optional<SequenceValue> sa = a.outputSequences().get(i);
                Optional<SequenceValue> sb = b.outputSequences().get(i);
                if (sa.isPresent() || sb.isPresent()) {
                    TensorType e = Types.common(List.of(
                            sa.map(SequenceValue::elementType).orElse(TensorType.UNKNOWN),
                            sb.map(SequenceValue::elementType).orElse(TensorType.UNKNOWN)));
                    ctx.setOutputSequence(i, SequenceValue.ofUnknownLength(e));
                } else {
                    ctx.setOutput(
                            i,
                            Types.common(List.of(a.outputs().get(i), b.outputs().get(i))));
                }
            }
        }
    }

    private static String count(SubgraphResult r) {
        return r.macs().isPresent() ? String.format(Locale.ROOT, "%,d", r.macs().getAsLong()) : "unknown";
    }

    private static void set(InferenceContext ctx, int out, SubgraphResult r, int i) {
        if (r.outputSequences().get(i).isPresent()) {
            ctx.setOutputSequence(out, r.outputSequences().get(i).get());
            return;
        }
        ctx.setOutput(out, r.outputs().get(i));
        r.outputValues().get(i).ifPresent(v -> ctx.setOutputValues(out, v));
    }

    private static Optional<Boolean> condition(NodeContext ctx) {
        return ctx.inputValues(0).filter(v -> !v.isString() && v.size() == 1).map(v -> v.doubleAt(0) != 0);
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        OptionalLong a = Subgraphs.run(ctx, Subgraphs.graph(ctx.node(), "then_branch"), List.of())
                .macs();
        OptionalLong b = Subgraphs.run(ctx, Subgraphs.graph(ctx.node(), "else_branch"), List.of())
                .macs();
        Optional<Boolean> cond = condition(ctx);
        if (cond.isPresent()) {
            return cond.get() ? a : b;
        }
        return a.isEmpty() || b.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }

    @Override
    public String costFormula() {
        return "the taken branch when the condition is known, else the larger branch";
    }

    @Override
    public String shapeRule() {
        return "both branches inferred; known condition: the taken branch, else the dims both agree on";
    }
}
