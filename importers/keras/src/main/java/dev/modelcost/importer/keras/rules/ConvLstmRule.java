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

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** ConvLSTM1D/2D/3D over [B, T, spatial..., C] (channels_last) or [B, T, C, spatial...]. */
final class ConvLstmRule implements OpRule {
    private final int spatial;

    ConvLstmRule(int spatial) {
        this.spatial = spatial;
    }

    @Override
    public List<OpKey> keys() {
        return KerasRules.layers("ConvLSTM" + spatial + "D");
    }

    @Override
    public void infer(InferenceContext ctx) {
        Node n = ctx.node();
        TensorType x = LayerConfig.firstDataInput(ctx);
        if (AxisArithmetic.rank(x) != spatial + 3) {
            ctx.setOutput(0, new TensorType(LayerConfig.outDType(n, x), Shape.UNKNOWN_RANK));
            return;
        }
        boolean cf = LayerConfig.channelsFirst(n, "");
        long[] k = LayerConfig.tuple(n, "kernel_size", spatial, 1);
        long[] s = LayerConfig.tuple(n, "strides", spatial, 1);
        long[] d = LayerConfig.tuple(n, "dilation_rate", spatial, 1);
        String padding = n.stringAttr("padding").orElse("valid");
        List<Dim> frame = new ArrayList<>();
        frame.add(x.shape().dim(0));
        int first = cf ? 3 : 2;
        List<Dim> sp = new ArrayList<>();
        for (int i = 0; i < spatial; i++) {
            sp.add(AxisArithmetic.window(x.shape().dim(first + i), k[i], s[i], d[i], padding));
        }
        Dim filters = Dim.of(n.intAttr("filters").orElseThrow(() -> new RuleCannotTell("no 'filters'")));
        if (n.intAttr("return_sequences", 0) == 1) {
            frame.add(x.shape().dim(1));
        }
        if (cf) {
            frame.add(filters);
            frame.addAll(sp);
        } else {
            frame.addAll(sp);
            frame.add(filters);
        }
        ctx.setOutput(0, new TensorType(LayerConfig.outDType(n, x), Shape.of(frame)));
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        Node n = ctx.node();
        Shape in = LayerConfig.firstDataInput(ctx).shape();
        Shape out = ctx.output(0).shape();
        if (!in.isFullyKnown() || !out.isFullyKnown() || in.rank() != spatial + 3) {
            return OptionalLong.empty();
        }
        boolean cf = LayerConfig.channelsFirst(n, "");
        long steps = in.dim(1).size();
        long cin = in.dim(cf ? 2 : in.rank() - 1).size();
        long filters = n.intAttr("filters", 0);
        long kvol = LayerConfig.kernelVolume(n, spatial);
        long positions = out.elementCount().getAsLong() / filters / (n.intAttr("return_sequences", 0) == 1 ? steps : 1);
        long perStep =
                Math.multiplyExact(Math.multiplyExact(4 * positions, filters), Math.multiplyExact(kvol, cin + filters));
        return OptionalLong.of(Math.multiplyExact(steps, perStep));
    }

    @Override
    public String shapeRule() {
        return "windowed spatial axes with filters channels; the time axis kept when return_sequences";
    }

    @Override
    public String costFormula() {
        return "timesteps × 4 gates × output positions × filters × kernel volume × (C_in + filters)";
    }
}
