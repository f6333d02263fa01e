package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DeclaredOutput;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.MacsRate;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One DL4J layer, vertex or preprocessor. The importer has already propagated DL4J's own output types
 * (per sample) into the node's {@link DeclaredOutput}: the rule re-bases it on the batch the input
 * carries and passes an unknown sequence length through. MACs come from the node's {@link MacsRate}
 * (see {@link LayerCosts}); roles are declared on the tensors, so the rule suggests none.
 */
final class Dl4jLayerRule implements OpRule {
    static final String DOMAIN = "dl4j";
    /** Node attribute holding the {@link DeclaredOutput}. */
    static final String DECLARED_OUTPUT = "declared_output";
    /** Node attribute holding the {@link MacsRate}; absent means no MACs. */
    static final String MACS_RATE = "macs_rate";

    private final List<OpKey> keys;
    private final Allocation allocation;
    private final Allocation trainingAllocation;
    private final BackwardSaves saves;
    private final String formula;

    /** A rule for the DL4J classes {@code classNames}; {@code formula} is the MAC convention docs/ops.md states. */
    Dl4jLayerRule(
            List<String> classNames,
            Allocation allocation,
            Allocation trainingAllocation,
            BackwardSaves saves,
            String formula) {
        this.keys = OpKey.each(DOMAIN, 1, classNames.toArray(String[]::new));
        this.allocation = allocation;
        this.trainingAllocation = trainingAllocation;
        this.saves = saves;
        this.formula = formula;
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        if (!(ctx.node().attributes().get(DECLARED_OUTPUT) instanceof Attr.DeclaredOutputValue declared)) {
            return; // nothing declared: the type stays unknown
        }
        List<DeclaredOutput.Axis> axes = declared.output().axes();
        Shape in = ctx.inputCount() > 0 ? ctx.input(0).shape() : Shape.UNKNOWN_RANK;
        List<Dim> out = new ArrayList<>(axes.size());
        for (int i = 0; i < axes.size(); i++) {
            DeclaredOutput.Axis axis = axes.get(i);
            if (axis instanceof DeclaredOutput.Axis.Fixed f) {
                out.add(Dim.of(f.size()));
            } else if (axis instanceof DeclaredOutput.Axis.InputBatch) {
                // Per sample, as ShapeInference takes graph inputs: the batch is 1 where the input does not say.
                out.add(in.hasRank() && in.rank() > 0 ? in.dim(0) : Dim.of(1));
            } else if (axis instanceof DeclaredOutput.Axis.InputTime) {
                out.add(windowed(ctx, timeOf(in, axes.size(), i)));
            } else {
                out.add(Dim.UNKNOWN);
            }
        }
        ctx.setOutput(0, new TensorType(declared.output().dtype(), Shape.of(out)));
    }

    private static Dim windowed(InferenceContext ctx, Dim time) {
        var window = ctx.node().intsAttr(TimeWindow.ATTR);
        return window.isPresent() ? TimeWindow.apply(window.get(), time) : time;
    }

    /** The input's sequence length: the same axis of a same-rank input, else its only non-fixed axis. */
    private static Dim timeOf(Shape in, int rank, int axis) {
        if (!in.hasRank()) {
            return Dim.symbol(Dl4jTypes.TIME);
        }
        if (in.rank() == rank) {
            return in.dim(axis);
        }
        return in.rank() == 3 ? in.dim(2) : Dim.symbol(Dl4jTypes.TIME);
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        MacsRate rate =
                ctx.node().attributes().get(MACS_RATE) instanceof Attr.MacsRateValue v ? v.rate() : MacsRate.NONE;
        return switch (rate.per()) {
            case NONE -> OptionalLong.of(0);
            case OUTPUT_ELEMENT -> times(ctx.output(0).shape().elementCount(), rate.macsPerUnit());
            case INPUT_ELEMENT -> times(ctx.input(0).shape().elementCount(), rate.macsPerUnit());
            case INPUT_ROW -> {
                OptionalLong in = ctx.input(0).shape().elementCount();
                yield rate.rowFeatures() <= 0 || in.isEmpty()
                        ? OptionalLong.empty()
                        : OptionalLong.of(Math.multiplyExact(in.getAsLong() / rate.rowFeatures(), rate.macsPerUnit()));
            }
            case UNKNOWN -> OptionalLong.empty();
        };
    }

    private static OptionalLong times(OptionalLong elements, long factor) {
        return elements.isPresent()
                ? OptionalLong.of(Math.multiplyExact(elements.getAsLong(), factor))
                : OptionalLong.empty();
    }

    @Override
    public Allocation allocation() {
        return allocation;
    }

    @Override
    public Allocation trainingAllocation(Node node) {
        return trainingAllocation;
    }

    @Override
    public BackwardSaves savedForBackward(Node node) {
        return saves;
    }

    @Override
    public String costFormula() {
        return formula;
    }

    @Override
    public String shapeRule() {
        return "the output type DL4J declares per sample, on the input's batch and sequence length";
    }
}
