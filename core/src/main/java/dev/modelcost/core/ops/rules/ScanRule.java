package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SubgraphResult;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Scan: N state values and M scan inputs; the body sees one slice of each scan input (the scan axis
 * removed) and yields the next state and K scan-output slices, stacked along their scan output axes.
 * The iteration count is the scan inputs' scan-axis length. Opset 8's form has a leading optional
 * sequence_lens input and a batch axis 0 in front of everything (scan axis 1); the body sees no batch axis.
 */
final class ScanRule implements OpRule {
    private final boolean batched;

    private ScanRule(boolean batched) {
        this.batched = batched;
    }

    /** Scan-8: a batch axis in front and a sequence_lens input. */
    static ScanRule batched() {
        return new ScanRule(true);
    }

    /** Scan-9 on: no batch axis, scan axes as attributes. */
    static ScanRule unbatched() {
        return new ScanRule(false);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx("Scan", batched ? 8 : 9));
    }

    /** The body's input types for one iteration, the iteration count and (opset 8) the batch. */
    private record Plan(List<TensorType> bodyInputs, Dim iterations, Dim batch, int states) {}

    private Plan plan(NodeContext ctx) {
        int first = batched ? 1 : 0;
        int m = (int) ctx.node().intAttr("num_scan_inputs", 0);
        int n = ctx.inputCount() - first - m;
        long[] inAxes = ctx.node().intsAttr("scan_input_axes").orElse(new long[m]);
        Dim iterations = Dim.UNKNOWN;
        Dim batch = Dim.UNKNOWN;
        List<TensorType> bodyInputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TensorType t = ctx.input(first + i);
            if (batched && t.shape().hasRank()) {
                batch = t.shape().dim(0);
                t = new TensorType(t.dtype(), drop(t.shape(), 0));
            }
            bodyInputs.add(t);
        }
        for (int j = 0; j < m; j++) {
            TensorType t = ctx.input(first + n + j);
            if (!t.shape().hasRank()) {
                bodyInputs.add(t);
                continue;
            }
            Shape s = t.shape();
            if (batched) {
                batch = s.dim(0);
                s = drop(s, 0);
            }
            int axis = batched ? 0 : DimMath.axis(inAxes[j], s.rank());
            if (!iterations.isFixed()) {
                iterations = s.dim(axis);
            }
            bodyInputs.add(new TensorType(t.dtype(), drop(s, axis)));
        }
        return new Plan(bodyInputs, iterations, batch, n);
    }

    @Override
    public void infer(InferenceContext ctx) {
        Graph body = Subgraphs.graph(ctx.node(), "body");
        Plan p = plan(ctx);
        List<TensorType> bodyInputs = p.bodyInputs();
        Dim iterations = p.iterations();
        Dim batch = p.batch();
        int n = p.states();
        SubgraphResult r = Subgraphs.run(ctx, body, bodyInputs);
        for (int i = 0; i < n && i < r.outputs().size(); i++) {
            ctx.setOutput(
                    i,
                    batched ? prepend(r.outputs().get(i), batch) : r.outputs().get(i));
        }
        int k = r.outputs().size() - n;
        long[] outAxes = ctx.node().intsAttr("scan_output_axes").orElse(new long[Math.max(k, 0)]);
        for (int j = 0; j < k; j++) {
            TensorType slice = r.outputs().get(n + j);
            if (!slice.shape().hasRank()) {
                ctx.setOutput(n + j, slice);
                continue;
            }
            List<Dim> dims = new ArrayList<>(slice.shape().dims());
            int axis = batched ? 0 : DimMath.axis(outAxes[j], dims.size() + 1);
            dims.add(axis, iterations);
            TensorType stacked = new TensorType(slice.dtype(), Shape.of(dims));
            ctx.setOutput(n + j, batched ? prepend(stacked, batch) : stacked);
        }
    }

    private static Shape drop(Shape s, int axis) {
        List<Dim> d = new ArrayList<>(s.dims());
        d.remove(axis);
        return Shape.of(d);
    }

    private static TensorType prepend(TensorType t, Dim d) {
        if (!t.shape().hasRank()) {
            return t;
        }
        List<Dim> dims = new ArrayList<>();
        dims.add(d);
        dims.addAll(t.shape().dims());
        return new TensorType(t.dtype(), Shape.of(dims));
    }

    /** Body MACs × iterations (× batch at opset 8). */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Plan p = plan(ctx);
        OptionalLong once = Subgraphs.run(ctx, Subgraphs.graph(ctx.node(), "body"), p.bodyInputs())
                .macs();
        if (once.isEmpty() || !p.iterations().isFixed() || batched && !p.batch().isFixed()) {
            return OptionalLong.empty();
        }
        long times = p.iterations().size() * (batched ? p.batch().size() : 1);
        return OptionalLong.of(Math.multiplyExact(once.getAsLong(), times));
    }

    @Override
    public String costFormula() {
        return "body MACs x iterations (x batch at opset 8)";
    }

    @Override
    public String shapeRule() {
        return "states as the body keeps them; scan outputs stacked along their axes (iterations = scan axis length)";
    }
}
