package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/** Max/Average pooling over {@code spatial} axes; strides default to the pool size. No MACs counted. */
final class KerasPoolRule implements OpRule {
    private final int spatial;

    KerasPoolRule(int spatial) {
        this.spatial = spatial;
    }

    @Override
    public List<OpKey> keys() {
        return KerasRules.layers(
                "MaxPooling" + spatial + "D",
                "AveragePooling" + spatial + "D",
                "MaxPool" + spatial + "D",
                "AvgPool" + spatial + "D");
    }

    @Override
    public void infer(InferenceContext ctx) {
        Node n = ctx.node();
        TensorType x = LayerConfig.firstDataInput(ctx);
        if (AxisArithmetic.rank(x) != spatial + 2) {
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        boolean cf = LayerConfig.channelsFirst(n, "");
        long[] p = LayerConfig.tuple(n, "pool_size", spatial, 2);
        long[] s = LayerConfig.hasTuple(n, "strides") && !isNone(n) ? LayerConfig.tuple(n, "strides", spatial, 1) : p;
        String padding = n.stringAttr("padding").orElse("valid");
        List<Dim> out = new ArrayList<>(x.shape().dims());
        int first = AxisArithmetic.firstSpatial(cf);
        for (int i = 0; i < spatial; i++) {
            out.set(first + i, AxisArithmetic.window(x.shape().dim(first + i), p[i], s[i], 1, padding));
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
    }

    /** A strides tuple of None values (serialised as -1) means "same as pool_size". */
    private static boolean isNone(Node n) {
        return n.intsAttr("strides").map(v -> v.length > 0 && v[0] < 0).orElse(false);
    }

    @Override
    public String shapeRule() {
        return "windowed spatial axes (pool_size, strides, padding), channels kept";
    }
}
