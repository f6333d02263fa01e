package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;

/** ZeroPadding, Cropping and UpSampling over {@code spatial} axes: each spatial axis grows, shrinks or scales. */
final class ResampleRule implements OpRule {
    enum Kind {
        PAD("ZeroPadding"),
        CROP("Cropping"),
        UPSAMPLE("UpSampling");

        final String classPrefix;

        Kind(String classPrefix) {
            this.classPrefix = classPrefix;
        }
    }

    private final int spatial;
    private final Kind kind;

    ResampleRule(int spatial, Kind kind) {
        this.spatial = spatial;
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return KerasRules.layers(kind.classPrefix + spatial + "D");
    }

    @Override
    public String shapeRule() {
        return "spatial axes grown by padding, shrunk by cropping, or multiplied by the upsampling size";
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
        int first = AxisArithmetic.firstSpatial(cf);
        List<Dim> out = new ArrayList<>(x.shape().dims());
        for (int i = 0; i < spatial; i++) {
            Dim d = x.shape().dim(first + i);
            out.set(
                    first + i,
                    switch (kind) {
                        case PAD -> AxisArithmetic.plus(d, amount(n, "padding", i, 1));
                        case CROP -> AxisArithmetic.plus(d, -amount(n, "cropping", i, 0));
                        case UPSAMPLE -> AxisArithmetic.times(
                                d, LayerConfig.tuple(n, spatial == 1 ? "size" : "size", spatial, 2)[i]);
                    });
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
    }

    /** Total added or removed on axis i: an int (both sides), a tuple per axis (both sides), or (before, after) pairs. */
    private long amount(Node n, String key, int axis, long fallback) {
        long[] v = n.intsAttr(key).orElse(null);
        if (v == null) {
            return 2 * n.intAttr(key, fallback);
        }
        if (v.length == 2 * spatial) {
            return v[2 * axis] + v[2 * axis + 1];
        }
        if (v.length == spatial && spatial > 1) {
            return 2 * v[axis];
        }
        if (v.length == 1) {
            return 2 * v[0];
        }
        if (spatial == 1 && v.length == 2) {
            return v[0] + v[1];
        }
        throw new RuleCannotTell(key + " has " + v.length + " values");
    }
}
