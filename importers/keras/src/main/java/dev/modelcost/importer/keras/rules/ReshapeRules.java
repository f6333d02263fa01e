package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reshape, Flatten (views), Permute and RepeatVector (new buffers); the batch axis is kept. */
final class ReshapeRules {
    private ReshapeRules() {}

    static final class Reshape implements OpRule {
        @Override
        public List<OpKey> keys() {
            return KerasRules.layers("Reshape");
        }

        @Override
        public String shapeRule() {
            return "[batch] + target_shape (one -1 solved from the element count)";
        }

        @Override
        public void infer(InferenceContext ctx) {
            TensorType x = LayerConfig.firstDataInput(ctx);
            long[] target =
                    ctx.node().intsAttr("target_shape").orElseThrow(() -> new RuleCannotTell("no 'target_shape'"));
            List<Dim> out = new ArrayList<>();
            out.add(x.shape().hasRank() ? x.shape().dim(0) : Dim.UNKNOWN);
            long known = 1;
            int free = -1;
            for (int i = 0; i < target.length; i++) {
                if (target[i] < 0) {
                    free = i;
                    out.add(Dim.UNKNOWN);
                } else {
                    known *= target[i];
                    out.add(Dim.of(target[i]));
                }
            }
            if (free >= 0 && x.shape().hasRank()) {
                long total = AxisArithmetic.product(x.shape(), 1, x.shape().rank());
                if (total >= 0 && known > 0) {
                    out.set(free + 1, Dim.of(total / known));
                }
            }
            ctx.setOutput(0, x.withShape(Shape.of(out)));
        }

        @Override
        public Allocation allocation() {
            return Allocation.VIEW;
        }
    }

    static final class Flatten implements OpRule {
        @Override
        public List<OpKey> keys() {
            return KerasRules.layers("Flatten");
        }

        @Override
        public String shapeRule() {
            return "[batch, product of the other axes]";
        }

        @Override
        public void infer(InferenceContext ctx) {
            TensorType x = LayerConfig.firstDataInput(ctx);
            if (!x.shape().hasRank()) {
                ctx.setOutput(0, x.withShape(Shape.unknownOfRank(2)));
                return;
            }
            boolean cf = LayerConfig.channelsFirst(ctx.node(), "");
            long p = AxisArithmetic.product(x.shape(), 1, x.shape().rank());
            ctx.setOutput(0, x.withShape(Shape.of(List.of(x.shape().dim(0), p < 0 ? Dim.UNKNOWN : Dim.of(p)))));
            if (cf) {
                ctx.diagnose("channels_first Flatten transposes first; counted as a view");
            }
        }

        @Override
        public Allocation allocation() {
            return Allocation.VIEW;
        }
    }

    static final class Permute implements OpRule {
        @Override
        public List<OpKey> keys() {
            return KerasRules.layers("Permute");
        }

        @Override
        public String shapeRule() {
            return "axes after the batch reordered by dims";
        }

        @Override
        public void infer(InferenceContext ctx) {
            TensorType x = LayerConfig.firstDataInput(ctx);
            long[] dims = ctx.node().intsAttr("dims").orElseThrow(() -> new RuleCannotTell("no 'dims'"));
            if (!x.shape().hasRank() || x.shape().rank() != dims.length + 1) {
                ctx.setOutput(0, x.withShape(Shape.UNKNOWN_RANK));
                return;
            }
            List<Dim> out = new ArrayList<>();
            out.add(x.shape().dim(0));
            for (long d : dims) {
                out.add(x.shape().dim((int) d));
            }
            ctx.setOutput(0, x.withShape(Shape.of(out)));
        }
    }

    static final class RepeatVector implements OpRule {
        @Override
        public List<OpKey> keys() {
            return KerasRules.layers("RepeatVector");
        }

        @Override
        public String shapeRule() {
            return "[batch, n, features]";
        }

        @Override
        public void infer(InferenceContext ctx) {
            TensorType x = LayerConfig.firstDataInput(ctx);
            long n = ctx.node().intAttr("n").orElseThrow(() -> new RuleCannotTell("no 'n'"));
            if (AxisArithmetic.rank(x) != 2) {
                ctx.setOutput(0, x.withShape(Shape.unknownOfRank(3)));
                return;
            }
            ctx.setOutput(
                    0,
                    x.withShape(Shape.of(
                            List.of(x.shape().dim(0), Dim.of(n), x.shape().dim(1)))));
        }
    }

    /** Lambda: its function is code, so the output shape is known only where the config states output_shape. */
    static final class Lambda implements OpRule {
        @Override
        public List<OpKey> keys() {
            return KerasRules.layers("Lambda");
        }

        @Override
        public String shapeRule() {
            return "[batch] + the output_shape the config declares, else unknown rank";
        }

        @Override
        public void infer(InferenceContext ctx) {
            long code =
                    ctx.node().intAttr("code.function_chars", 0) + ctx.node().intAttr("code.output_shape_chars", 0);
            if (code > 0) {
                ctx.diagnose("Lambda layer carries Python code (" + code + " characters of serialized function in its"
                        + " config); modelcost reports it and never decodes or runs it");
            }
            TensorType x = LayerConfig.firstDataInput(ctx);
            long[] shape = ctx.node().intsAttr("output_shape").orElse(null);
            if (shape == null) {
                ctx.diagnose(
                        "Lambda layer '" + ctx.node().label() + "': the config states no output_shape, so its output"
                                + " shape (input " + x.shape()
                                + ") and the shapes computed from it are unknown; layers that do not"
                                + " depend on it keep theirs");
                ctx.setOutput(0, new TensorType(x.dtype(), Shape.UNKNOWN_RANK));
                return;
            }
            List<Dim> out = new ArrayList<>();
            out.add(x.shape().hasRank() ? x.shape().dim(0) : Dim.symbol("batch"));
            for (long d : shape) {
                out.add(d < 0 ? Dim.UNKNOWN : Dim.of(d));
            }
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
        }

        @Override
        public OptionalLong macs(dev.modelcost.core.ops.NodeContext ctx) {
            return OptionalLong.empty();
        }

        @Override
        public String costFormula() {
            return "unknown (custom code)";
        }
    }
}
