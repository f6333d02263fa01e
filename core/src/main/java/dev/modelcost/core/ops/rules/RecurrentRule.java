package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.OptionalLong;

/**
 * RNN (1 gate), GRU (3) and LSTM (4): X [seq, batch, input] (layout 1: [batch, seq, input]), W [dirs,
 * gates·hidden, input], R [dirs, gates·hidden, hidden], B [dirs, 2·gates·hidden]. Outputs Y [seq, dirs,
 * batch, hidden] (layout 1: [batch, seq, dirs, hidden]), Y_h and, for LSTM, Y_c [dirs, batch, hidden]
 * (layout 1: [batch, dirs, hidden]). W, R and LSTM's peepholes P are weights; B is the bias; the initial states
 * are state, not parameters (exporters store zeros there).
 */
final class RecurrentRule implements OpRule {
    private final int gates;

    private RecurrentRule(int gates) {
        this.gates = gates;
    }

    static RecurrentRule rnn() {
        return new RecurrentRule(1);
    }

    static RecurrentRule gru() {
        return new RecurrentRule(3);
    }

    static RecurrentRule lstm() {
        return new RecurrentRule(4);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx(gates == 1 ? "RNN" : gates == 3 ? "GRU" : "LSTM"));
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        boolean batchFirst = ctx.node().intAttr("layout", 0) != 0;
        Dim seq = x.hasRank() ? x.dim(batchFirst ? 1 : 0) : Dim.UNKNOWN;
        Dim batch = x.hasRank() ? x.dim(batchFirst ? 0 : 1) : Dim.UNKNOWN;
        Dim hidden = hidden(ctx);
        Dim dirs = Dim.of(ctx.node().stringAttr("direction").orElse("forward").equals("bidirectional") ? 2 : 1);
        var dtype = ctx.input(0).dtype();
        ctx.setOutput(
                0,
                new TensorType(
                        dtype,
                        Shape.of(batchFirst ? List.of(batch, seq, dirs, hidden) : List.of(seq, dirs, batch, hidden))));
        Shape state = Shape.of(batchFirst ? List.of(batch, dirs, hidden) : List.of(dirs, batch, hidden));
        ctx.setOutput(1, new TensorType(dtype, state));
        ctx.setOutput(2, new TensorType(dtype, state));
    }

    private Dim hidden(NodeContext ctx) {
        var h = ctx.node().intAttr("hidden_size");
        if (h.isPresent()) {
            return Dim.of(h.getAsLong());
        }
        Shape r = ctx.input(2).shape();
        return r.hasRank() && r.rank() == 3 ? r.dim(2) : Dim.UNKNOWN;
    }

    /** Per timestep, batch element and direction: gates × hidden × (input + hidden); times seq × batch × dirs. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape x = ctx.input(0).shape();
        Dim hidden = hidden(ctx);
        if (!x.isFullyKnown() || x.rank() != 3 || !hidden.isFixed()) {
            return OptionalLong.empty();
        }
        long dirs = ctx.node().stringAttr("direction").orElse("forward").equals("bidirectional") ? 2 : 1;
        long seqTimesBatch = x.dim(0).size() * x.dim(1).size();
        long perStep = Math.multiplyExact((long) gates * hidden.size(), x.dim(2).size() + hidden.size());
        return OptionalLong.of(Math.multiplyExact(Math.multiplyExact(perStep, seqTimesBatch), dirs));
    }

    @Override
    public String costFormula() {
        return "seq × batch × directions × gates × hidden × (input + hidden); gates: RNN 1, GRU 3, LSTM 4";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return switch (index) {
            case 1, 2, 7 -> TensorRole.WEIGHT;
            case 3 -> TensorRole.BIAS;
            case 4, 5, 6 -> TensorRole.CONSTANT;
            default -> null;
        };
    }

    @Override
    public String shapeRule() {
        return "Y [seq, dirs, batch, hidden] (layout 1: [batch, seq, dirs, hidden]); Y_h, Y_c [dirs, batch, hidden]";
    }
}
