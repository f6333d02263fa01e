package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.List;
import java.util.OptionalLong;

/**
 * SimpleRNN (1 gate), GRU (3) and LSTM (4) over [B, T, F]: output [B, T, units] with return_sequences,
 * else [B, units]; with return_state the states follow as [B, units] outputs.
 */
final class KerasRecurrentRule implements OpRule {
    private final int gates;

    private final List<OpKey> keys;

    private KerasRecurrentRule(List<OpKey> keys, int gates) {
        this.keys = keys;
        this.gates = gates;
    }

    static KerasRecurrentRule simpleRnn() {
        return new KerasRecurrentRule(KerasRules.layers("SimpleRNN"), 1);
    }

    static KerasRecurrentRule gru() {
        return new KerasRecurrentRule(KerasRules.layers("GRU", "CuDNNGRU"), 3);
    }

    static KerasRecurrentRule lstm() {
        return new KerasRecurrentRule(KerasRules.layers("LSTM", "CuDNNLSTM"), 4);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Node n = ctx.node();
        TensorType x = LayerConfig.firstDataInput(ctx);
        long units = n.intAttr("units").orElseThrow(() -> new RuleCannotTell("no 'units'"));
        Dim batch = x.shape().hasRank() ? x.shape().dim(0) : Dim.UNKNOWN;
        boolean seq = n.intAttr("return_sequences", 0) == 1;
        Dim time = AxisArithmetic.rank(x) == 3 ? x.shape().dim(1) : Dim.UNKNOWN;
        Shape out = seq ? Shape.of(List.of(batch, time, Dim.of(units))) : Shape.of(List.of(batch, Dim.of(units)));
        ctx.setOutput(0, new TensorType(LayerConfig.outDType(n, x), out));
        for (int i = 1; i < n.outputs().size(); i++) {
            ctx.setOutput(i, new TensorType(LayerConfig.outDType(n, x), Shape.of(List.of(batch, Dim.of(units)))));
        }
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        TensorType x = LayerConfig.firstDataInput(ctx);
        long units = ctx.node().intAttr("units", 0);
        if (AxisArithmetic.rank(x) != 3
                || !x.shape().dim(1).isFixed()
                || !x.shape().dim(2).isFixed()
                || !x.shape().dim(0).isFixed()) {
            return OptionalLong.empty();
        }
        long steps = x.shape().dim(0).size() * x.shape().dim(1).size();
        long perStep = Math.multiplyExact((long) gates * units, x.shape().dim(2).size() + units);
        return OptionalLong.of(Math.multiplyExact(steps, perStep));
    }

    @Override
    public String shapeRule() {
        return "[batch, timesteps, units] when return_sequences, else [batch, units] (plus states when return_state)";
    }

    @Override
    public String costFormula() {
        return "timesteps × " + gates + " gate(s) × units × (input features + units)";
    }
}
