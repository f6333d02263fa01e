package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;
import dev.modelcost.core.ops.SubgraphResult;
import dev.modelcost.core.ops.Types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Loop(M, cond, v_initial...): the body (iteration number, condition, carried values) → (condition,
 * carried values, scan outputs). Carried values keep what stays the same across iterations (the body is
 * run again when a dim changes); scan outputs stack one slice per iteration, so their first dim is the
 * trip count M when it is known. The trip count is taken as M: a loop its condition ends early is
 * smaller, and a loop without M has an unknown trip count (diagnosed).
 */
final class LoopRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Loop"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Graph body = Subgraphs.graph(ctx.node(), "body");
        int carried = Math.max(0, ctx.inputCount() - 2);
        OptionalLong trips = tripCount(ctx);
        if (trips.isEmpty()) {
            ctx.diagnose(
                    "trip count unknown (no constant M): scan outputs' first dimension unknown, MACs counted for one iteration");
        }
        SubgraphResult r = runBody(ctx, body, carried, null);
        List<TensorType> merged = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < carried; i++) {
            TensorType in = ctx.input(2 + i);
            TensorType out = i + 1 < r.outputs().size() ? r.outputs().get(i + 1) : TensorType.UNKNOWN;
            TensorType m = in.equals(TensorType.UNKNOWN) ? out : Types.common(List.of(in, out));
            changed |= !m.equals(in);
            merged.add(m);
        }
        if (changed) {
            r = runBody(ctx, body, carried, merged);
        }
        for (int i = 0; i < carried; i++) {
            Optional<SequenceValue> seq =
                    i + 1 < r.outputSequences().size() ? r.outputSequences().get(i + 1) : Optional.empty();
            if (seq.isPresent()) {
                ctx.setOutputSequence(
                        i,
                        trips.isPresent()
                                        && trips.getAsLong() == 0
                                        && ctx.inputSequence(2 + i).isPresent()
                                ? ctx.inputSequence(2 + i).get()
                                : SequenceValue.ofUnknownLength(seq.get().elementType()));
            } else {
                ctx.setOutput(
                        i,
                        trips.isPresent() && trips.getAsLong() > 0
                                        || ctx.input(2 + i).equals(TensorType.UNKNOWN)
                                ? Types.common(
                                        List.of(merged.get(i), r.outputs().get(i + 1)))
                                : merged.get(i));
            }
        }
        for (int k = 1 + carried; k < r.outputs().size(); k++) {
            TensorType slice = r.outputs().get(k);
            Dim n = trips.isPresent() ? Dim.of(trips.getAsLong()) : Dim.UNKNOWN;
            List<Dim> dims = new ArrayList<>();
            dims.add(n);
            if (slice.shape().hasRank()) {
                dims.addAll(slice.shape().dims());
                ctx.setOutput(k - 1, new TensorType(slice.dtype(), Shape.of(dims)));
            } else {
                ctx.setOutput(k - 1, new TensorType(slice.dtype(), Shape.UNKNOWN_RANK));
            }
        }
    }

    private static SubgraphResult runBody(NodeContext ctx, Graph body, int carried, List<TensorType> override) {
        List<TensorType> in = new ArrayList<>();
        in.add(new TensorType(DType.INT64, Shape.SCALAR));
        in.add(new TensorType(DType.BOOL, Shape.SCALAR));
        List<Optional<SequenceValue>> seqs = new ArrayList<>(Collections.nCopies(2, Optional.empty()));
        for (int i = 0; i < carried; i++) {
            in.add(override != null ? override.get(i) : ctx.input(2 + i));
            seqs.add(ctx.inputSequence(2 + i).map(s -> SequenceValue.ofUnknownLength(s.elementType())));
        }
        return ctx.inferSubgraph(body, in, Collections.nCopies(in.size(), Optional.<ConstantValues>empty()), seqs);
    }

    static OptionalLong tripCount(NodeContext ctx) {
        if (!ctx.hasInput(0)) {
            return OptionalLong.empty();
        }
        Optional<ConstantValues> m = ctx.inputValues(0);
        Optional<ConstantValues> cond = ctx.hasInput(1) ? ctx.inputValues(1) : Optional.empty();
        if (cond.isPresent() && cond.get().size() == 1 && cond.get().doubleAt(0) == 0) {
            return OptionalLong.of(0);
        }
        return m.isPresent() && m.get().size() == 1 ? OptionalLong.of(m.get().longAt(0)) : OptionalLong.empty();
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        Graph body = Subgraphs.graph(ctx.node(), "body");
        OptionalLong once =
                runBody(ctx, body, Math.max(0, ctx.inputCount() - 2), null).macs();
        OptionalLong trips = tripCount(ctx);
        if (once.isEmpty()) {
            return once;
        }
        return OptionalLong.of(
                trips.isPresent() ? Math.multiplyExact(once.getAsLong(), trips.getAsLong()) : once.getAsLong());
    }

    @Override
    public String costFormula() {
        return "body MACs × trip count M when constant, else one iteration's (diagnosed)";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index < 2 ? TensorRole.CONSTANT : null;
    }

    @Override
    public String shapeRule() {
        return "carried values as the body keeps them; scan outputs [trip count M, ...slice]";
    }
}
