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

/** Conv1DTranspose/Conv2DTranspose/Conv3DTranspose (and Keras 1 Deconvolution2D), Keras's deconv_output_length. */
final class KerasConvTransposeRule implements OpRule {
    private final int spatial;

    KerasConvTransposeRule(int spatial) {
        this.spatial = spatial;
    }

    /** Conv*DTranspose and the Keras 1 names Deconvolution2D/3D. */
    @Override
    public List<OpKey> keys() {
        return spatial == 1
                ? KerasRules.layers("Conv1DTranspose")
                : KerasRules.layers("Conv" + spatial + "DTranspose", "Deconvolution" + spatial + "D");
    }

    @Override
    public void infer(InferenceContext ctx) {
        Node n = ctx.node();
        TensorType x = LayerConfig.firstDataInput(ctx);
        if (AxisArithmetic.rank(x) != spatial + 2) {
            ctx.setOutput(0, new TensorType(LayerConfig.outDType(n, x), Shape.UNKNOWN_RANK));
            return;
        }
        boolean cf = LayerConfig.channelsFirst(n, "");
        long[] k = LayerConfig.tuple(n, "kernel_size", spatial, 1);
        long[] s = LayerConfig.tuple(n, "strides", spatial, 1);
        long[] d = LayerConfig.tuple(n, "dilation_rate", spatial, 1);
        long[] op =
                LayerConfig.hasTuple(n, "output_padding") ? LayerConfig.tuple(n, "output_padding", spatial, -1) : null;
        String padding = n.stringAttr("padding").orElse("valid");
        Shape in = x.shape();
        int first = AxisArithmetic.firstSpatial(cf);
        List<Dim> out = new ArrayList<>(in.dims());
        for (int i = 0; i < spatial; i++) {
            Dim di = in.dim(first + i);
            if (!di.isFixed()) {
                out.set(first + i, Dim.UNKNOWN);
                continue;
            }
            long len = di.size();
            long dk = (k[i] - 1) * d[i] + 1;
            long o;
            if (op == null || op[i] < 0) {
                o = switch (padding) {
                    case "same" -> len * s[i];
                    case "full" -> len * s[i] - (s[i] + dk - 2);
                    default -> len * s[i] + Math.max(dk - s[i], 0);
                };
            } else {
                long pad =
                        switch (padding) {
                            case "same" -> dk / 2;
                            case "full" -> dk - 1;
                            default -> 0;
                        };
                o = (len - 1) * s[i] + dk - 2 * pad + op[i];
            }
            out.set(first + i, Dim.of(Math.max(o, 0)));
        }
        out.set(
                AxisArithmetic.channelAxis(in.rank(), cf),
                Dim.of(n.intAttr("filters").orElseThrow(() -> new RuleCannotTell("no 'filters'"))));
        ctx.setOutput(0, new TensorType(LayerConfig.outDType(n, x), Shape.of(out)));
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape in = LayerConfig.firstDataInput(ctx).shape();
        if (!in.isFullyKnown()) {
            return OptionalLong.empty();
        }
        long kvol = LayerConfig.kernelVolume(ctx.node(), spatial);
        long filters = ctx.node().intAttr("filters", 0) / Math.max(1, ctx.node().intAttr("groups", 1));
        return OptionalLong.of(Math.multiplyExact(in.elementCount().getAsLong(), Math.multiplyExact(filters, kvol)));
    }

    @Override
    public String shapeRule() {
        return "spatial axes grown by the transposed window (output_padding where given) with filters channels";
    }

    @Override
    public String costFormula() {
        return "input elements × (filters / groups) × kernel volume";
    }
}
