package dev.modelcost.importer.tflite.rules;

import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.OptionalLong;

/**
 * Builtins with a weight input, costed from the stored shapes: TFLite keeps convolution filters as
 * [out, kh, kw, in] (depthwise [1, kh, kw, out], 3-D [kd, kh, kw, in, out]) and fully-connected weights as [out, in].
 */
final class WeightedRule implements OpRule {
    enum Kind {
        CONV_2D(1, 2, "output elements × kh × kw × input channels (filter [out, kh, kw, in])"),
        DEPTHWISE_CONV_2D(1, 2, "output elements × kh × kw (filter [1, kh, kw, channels])"),
        FULLY_CONNECTED(1, 2, "output elements × input features (weights [out, in])"),
        TRANSPOSE_CONV(1, 3, "input elements × kh × kw × output channels (filter [out, kh, kw, in])"),
        CONV_3D(1, 2, "output elements × kd × kh × kw × input channels (filter [kd, kh, kw, in, out])"),
        BATCH_MATMUL(1, -1, "output elements × K (K = lhs[-1], or lhs[-2] with adj_x)");

        private final int weight;
        private final int bias;
        private final String formula;

        Kind(int weight, int bias, String formula) {
            this.weight = weight;
            this.bias = bias;
            this.formula = formula;
        }

        int weight() {
            return weight;
        }

        int bias() {
            return bias;
        }
    }

    private final Kind kind;

    WeightedRule(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(TfliteRules.DOMAIN, kind.name(), 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        // Output shapes are the ones the file stores.
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape w = ctx.input(kind == Kind.BATCH_MATMUL ? 0 : 1).shape();
        Shape counted = kind == Kind.TRANSPOSE_CONV
                ? ctx.input(2).shape()
                : ctx.output(0).shape();
        OptionalLong elements = counted.elementCount();
        if (!w.isFullyKnown() || elements.isEmpty()) {
            return OptionalLong.empty();
        }
        long[] d = w.sizes();
        int need =
                switch (kind) {
                    case CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV, CONV_3D -> 4;
                    default -> 1;
                };
        if (d.length < need || kind == Kind.BATCH_MATMUL && ctx.node().intAttr("adj_x", 0) != 0 && d.length < 2) {
            return OptionalLong.empty();
        }
        long perOutput =
                switch (kind) {
                    case CONV_2D -> Math.multiplyExact(Math.multiplyExact(d[1], d[2]), d[3]);
                    case DEPTHWISE_CONV_2D -> Math.multiplyExact(d[1], d[2]);
                    case FULLY_CONNECTED -> d[d.length - 1];
                    case TRANSPOSE_CONV -> Math.multiplyExact(Math.multiplyExact(d[1], d[2]), d[0]);
                    case CONV_3D -> Math.multiplyExact(Math.multiplyExact(d[0], d[1]), Math.multiplyExact(d[2], d[3]));
                    case BATCH_MATMUL -> ctx.node().intAttr("adj_x", 0) != 0 ? d[d.length - 2] : d[d.length - 1];
                };
        return OptionalLong.of(Math.multiplyExact(elements.getAsLong(), perOutput));
    }

    @Override
    public String shapeRule() {
        return "the output shapes the file stores";
    }

    @Override
    public String costFormula() {
        return kind.formula;
    }
}
