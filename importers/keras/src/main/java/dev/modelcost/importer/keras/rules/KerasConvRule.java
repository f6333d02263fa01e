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

/**
 * Keras convolutions over {@code spatial} axes, channels_last or channels_first: standard (filters, groups),
 * depthwise (C_in × depth_multiplier outputs) and separable (depthwise then 1×1 pointwise to filters).
 */
final class KerasConvRule implements OpRule {
    enum Kind {
        STANDARD,
        DEPTHWISE,
        SEPARABLE
    }

    private final List<OpKey> keys;
    private final int spatial;
    private final Kind kind;

    private KerasConvRule(List<OpKey> keys, int spatial, Kind kind) {
        this.keys = keys;
        this.spatial = spatial;
        this.kind = kind;
    }

    /** Conv1D..Conv3D and their Keras 1 names (Convolution*D, AtrousConvolution*D). */
    static KerasConvRule standard(int spatial) {
        List<String> names = new ArrayList<>(List.of("Conv" + spatial + "D", "Convolution" + spatial + "D"));
        if (spatial <= 2) {
            names.add("AtrousConvolution" + spatial + "D");
        }
        return new KerasConvRule(KerasRules.layers(names.toArray(String[]::new)), spatial, Kind.STANDARD);
    }

    static KerasConvRule depthwise(int spatial) {
        return new KerasConvRule(KerasRules.layers("DepthwiseConv" + spatial + "D"), spatial, Kind.DEPTHWISE);
    }

    static KerasConvRule separable(int spatial) {
        return new KerasConvRule(
                KerasRules.layers("SeparableConv" + spatial + "D", "SeparableConvolution" + spatial + "D"),
                spatial,
                Kind.SEPARABLE);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Node n = ctx.node();
        TensorType x = LayerConfig.firstDataInput(ctx);
        if (AxisArithmetic.rank(x) != spatial + 2) {
            if (x.shape().hasRank()) {
                ctx.diagnose("expected a rank-" + (spatial + 2) + " input, got " + x.shape());
            }
            ctx.setOutput(0, new TensorType(LayerConfig.outDType(n, x), Shape.UNKNOWN_RANK));
            return;
        }
        boolean cf = LayerConfig.channelsFirst(n, "");
        long[] k = LayerConfig.tuple(n, "kernel_size", spatial, 1);
        long[] s = LayerConfig.tuple(n, "strides", spatial, 1);
        long[] d = LayerConfig.tuple(n, "dilation_rate", spatial, 1);
        String padding = n.stringAttr("padding").orElse("valid");
        Shape in = x.shape();
        int first = AxisArithmetic.firstSpatial(cf);
        List<Dim> out = new ArrayList<>(in.dims());
        for (int i = 0; i < spatial; i++) {
            out.set(first + i, AxisArithmetic.window(in.dim(first + i), k[i], s[i], d[i], padding));
        }
        out.set(
                AxisArithmetic.channelAxis(in.rank(), cf),
                outChannels(n, in.dim(AxisArithmetic.channelAxis(in.rank(), cf))));
        ctx.setOutput(0, new TensorType(LayerConfig.outDType(n, x), Shape.of(out)));
    }

    private Dim outChannels(Node n, Dim cin) {
        if (kind == Kind.DEPTHWISE) {
            return AxisArithmetic.times(cin, n.intAttr("depth_multiplier", 1));
        }
        return Dim.of(n.intAttr("filters").orElseThrow(() -> new RuleCannotTell("no 'filters'")));
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        Node n = ctx.node();
        Shape in = LayerConfig.firstDataInput(ctx).shape();
        Shape out = ctx.output(0).shape();
        if (!in.hasRank() || !out.isFullyKnown() || in.rank() != spatial + 2) {
            return OptionalLong.empty();
        }
        boolean cf = LayerConfig.channelsFirst(n, "");
        Dim cinDim = in.dim(AxisArithmetic.channelAxis(in.rank(), cf));
        if (!cinDim.isFixed()) {
            return OptionalLong.empty();
        }
        long cin = cinDim.size();
        long kvol = LayerConfig.kernelVolume(n, spatial);
        long outElements = out.elementCount().getAsLong();
        return switch (kind) {
            case STANDARD -> OptionalLong.of(Math.multiplyExact(
                    outElements, Math.multiplyExact(cin / Math.max(1, n.intAttr("groups", 1)), kvol)));
            case DEPTHWISE -> OptionalLong.of(Math.multiplyExact(outElements, kvol));
            case SEPARABLE -> {
                long positions = outElements
                        / Math.max(
                                1,
                                out.dim(AxisArithmetic.channelAxis(out.rank(), cf))
                                        .size());
                long mid = Math.multiplyExact(cin, n.intAttr("depth_multiplier", 1));
                long depthwise = Math.multiplyExact(Math.multiplyExact(positions, mid), kvol);
                yield OptionalLong.of(Math.addExact(depthwise, Math.multiplyExact(outElements, mid)));
            }
        };
    }

    @Override
    public String shapeRule() {
        return "windowed spatial axes (valid, same, causal; strides, dilation, data_format) with filters channels";
    }

    @Override
    public String costFormula() {
        return switch (kind) {
            case STANDARD -> "output elements × (C_in / groups) × kernel volume";
            case DEPTHWISE -> "output elements × kernel volume";
            case SEPARABLE -> "depthwise: output positions × C_in × depth_multiplier × kernel volume; "
                    + "pointwise: output elements × C_in × depth_multiplier";
        };
    }
}
