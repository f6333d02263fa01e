package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Wrappers that run the rule of the layer they hold: TimeDistributed applies it to every timestep
 * ([B, T, ...] → [B, T, inner(...)], MACs × T); Bidirectional runs it forwards and backwards
 * (concat doubles the last axis; sum/mul/ave keep it; MACs × 2).
 */
final class WrapperRule implements OpRule {
    private final boolean bidirectional;
    private final Function<String, OpRule> rules;

    private WrapperRule(boolean bidirectional, Function<String, OpRule> rules) {
        this.bidirectional = bidirectional;
        this.rules = rules;
    }

    /** Bidirectional: the wrapped recurrent layer run both ways; {@code rules} finds the wrapped class's rule. */
    static WrapperRule bidirectional(Function<String, OpRule> rules) {
        return new WrapperRule(true, rules);
    }

    /** TimeDistributed: the wrapped layer applied to every timestep. */
    static WrapperRule timeDistributed(Function<String, OpRule> rules) {
        return new WrapperRule(false, rules);
    }

    @Override
    public List<OpKey> keys() {
        return KerasRules.layers(bidirectional ? "Bidirectional" : "TimeDistributed");
    }

    private record Inner(Node node, OpRule rule) {}

    private Inner inner(Node wrapper) {
        Node n = InnerContext.innerNode(wrapper);
        if (n == null) {
            throw new RuleCannotTell("the wrapped layer is not described");
        }
        OpRule r = rules.apply(n.opType());
        if (r == null) {
            throw new RuleCannotTell("no rule for the wrapped layer class " + n.opType());
        }
        return new Inner(n, r);
    }

    private TensorType innerInput(TensorType x) {
        if (bidirectional || AxisArithmetic.rank(x) < 3) {
            return x;
        }
        List<Dim> d = new ArrayList<>(x.shape().dims());
        d.remove(1);
        return x.withShape(Shape.of(d));
    }

    @Override
    public void infer(InferenceContext ctx) {
        Inner in = inner(ctx.node());
        TensorType x = LayerConfig.firstDataInput(ctx);
        InnerContext ic = InnerContext.of(in.node(), innerInput(x));
        in.rule().infer(ic);
        ic.messages().forEach(ctx::diagnose);
        TensorType y = ic.output(0);
        if (!y.shape().hasRank()) {
            ctx.setOutput(0, y);
            return;
        }
        List<Dim> d = new ArrayList<>(y.shape().dims());
        if (bidirectional) {
            String mode = ctx.node().stringAttr("merge_mode").orElse("concat");
            if (mode.equals("concat")) {
                d.set(d.size() - 1, AxisArithmetic.times(d.get(d.size() - 1), 2));
            }
        } else if (AxisArithmetic.rank(x) >= 3) {
            d.add(1, x.shape().dim(1));
        }
        ctx.setOutput(0, y.withShape(Shape.of(d)));
        for (int i = 1; i < ctx.node().outputs().size(); i++) {
            ctx.setOutput(i, bidirectional ? ic.output(Math.min(i, 1)) : ic.output(i));
        }
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        Inner in = inner(ctx.node());
        TensorType x = LayerConfig.firstDataInput(ctx);
        InnerContext ic = InnerContext.of(in.node(), innerInput(x));
        in.rule().infer(ic);
        OptionalLong m = in.rule().macs(ic);
        if (m.isEmpty()) {
            return m;
        }
        if (bidirectional) {
            return OptionalLong.of(Math.multiplyExact(m.getAsLong(), 2));
        }
        if (AxisArithmetic.rank(x) < 3 || !x.shape().dim(1).isFixed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                Math.multiplyExact(m.getAsLong(), x.shape().dim(1).size()));
    }

    /**
     * TimeDistributed allocates as the layer it applies per timestep: Dropout and Flatten per step are views of the
     * input (the documented rule for those layers), an activation runs in place. Bidirectional concatenates or
     * combines two runs: a new tensor.
     */
    @Override
    public Allocation allocation(Node node) {
        Node inner = bidirectional ? null : InnerContext.innerNode(node);
        OpRule r = inner == null ? null : rules.apply(inner.opType());
        return r == null ? Allocation.NEW : r.allocation(inner);
    }

    @Override
    public Allocation trainingAllocation(Node node) {
        Node inner = bidirectional ? null : InnerContext.innerNode(node);
        OpRule r = inner == null ? null : rules.apply(inner.opType());
        return r == null ? Allocation.NEW : r.trainingAllocation(inner);
    }

    @Override
    public String shapeRule() {
        return bidirectional
                ? "the wrapped layer's output with both directions merged (merge_mode)"
                : "the wrapped layer's output per timestep, the time axis kept";
    }

    @Override
    public String costFormula() {
        return bidirectional ? "2 × the wrapped layer's MACs" : "timesteps × the wrapped layer's MACs per step";
    }
}
