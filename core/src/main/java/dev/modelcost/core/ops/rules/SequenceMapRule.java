package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;
import dev.modelcost.core.ops.SubgraphResult;
import dev.modelcost.core.ops.Types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * SequenceMap: the body runs once per element of the first sequence (sequence inputs give their element
 * at that position, tensors themselves); each body output becomes a sequence of the same length.
 */
final class SequenceMapRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("SequenceMap"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Graph body = Subgraphs.graph(ctx.node(), "body");
        SequenceValue first = ctx.inputSequence(0).orElse(SequenceValue.ofUnknownLength(TensorType.UNKNOWN));
        int outs = ctx.node().outputs().size();
        if (!first.lengthKnown()) {
            SubgraphResult r = Subgraphs.run(ctx, body, elementTypes(ctx, -1));
            for (int o = 0; o < outs && o < r.outputs().size(); o++) {
                ctx.setOutputSequence(
                        o, SequenceValue.ofUnknownLength(r.outputs().get(o)));
            }
            return;
        }
        List<List<TensorType>> perOutput = new ArrayList<>();
        for (int o = 0; o < outs; o++) {
            perOutput.add(new ArrayList<>());
        }
        for (int e = 0; e < first.elements().size(); e++) {
            List<TensorType> in = elementTypes(ctx, e);
            SubgraphResult r = ctx.inferSubgraph(
                    body,
                    in,
                    Collections.nCopies(in.size(), Optional.<ConstantValues>empty()),
                    Collections.nCopies(in.size(), Optional.<SequenceValue>empty()));
            for (int o = 0; o < outs && o < r.outputs().size(); o++) {
                perOutput.get(o).add(r.outputs().get(o));
            }
        }
        for (int o = 0; o < outs; o++) {
            ctx.setOutputSequence(
                    o,
                    perOutput.get(o).isEmpty()
                            ? SequenceValue.ofUnknownLength(TensorType.UNKNOWN)
                            : new SequenceValue(Types.common(perOutput.get(o)), perOutput.get(o)));
        }
    }

    /** Body inputs for element {@code e} (-1: the common element type). */
    private static List<TensorType> elementTypes(InferenceContext ctx, int e) {
        List<TensorType> in = new ArrayList<>();
        for (int i = 0; i < ctx.inputCount(); i++) {
            Optional<SequenceValue> s = ctx.inputSequence(i);
            if (s.isEmpty()) {
                in.add(ctx.input(i));
            } else if (e >= 0 && s.get().lengthKnown() && e < s.get().elements().size()) {
                in.add(s.get().elements().get(e));
            } else {
                in.add(s.get().elementType());
            }
        }
        return in;
    }

    @Override
    public String shapeRule() {
        return "the body per element; each output a sequence of the same length";
    }
}
