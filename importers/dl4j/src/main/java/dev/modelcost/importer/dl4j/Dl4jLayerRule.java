package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One DL4J layer, vertex or preprocessor. The importer has already propagated DL4J's own output types
 * (per sample) into the node's {@code declared_dims}: the rule re-bases them on the batch the input
 * carries and passes an unknown sequence length through. MACs come from the node's cost attributes
 * (see {@link LayerCosts}); roles are declared on the tensors, so the rule suggests none.
 */
final class Dl4jLayerRule implements OpRule {
    static final String DOMAIN = "dl4j";
    static final String DECLARED_DIMS = "declared_dims";
    static final String DECLARED_DTYPE = "declared_dtype";
    static final long FROM_INPUT_BATCH = -3;
    static final long FROM_INPUT_TIME = -2;
    static final long UNKNOWN_DIM = -1;

    private final Allocation allocation;
    private final Allocation trainingAllocation;
    private final BackwardSaves saves;
    private final String formula;

    Dl4jLayerRule(Allocation allocation, String formula) {
        this(allocation, allocation, BackwardSaves.INPUTS, formula);
    }

    Dl4jLayerRule(Allocation allocation, Allocation trainingAllocation, BackwardSaves saves, String formula) {
        this.allocation = allocation;
        this.trainingAllocation = trainingAllocation;
        this.saves = saves;
        this.formula = formula;
    }

    @Override
    public void infer(InferenceContext ctx) {
        var dims = ctx.node().intsAttr(DECLARED_DIMS);
        if (dims.isEmpty()) {
            return; // nothing declared: the type stays unknown
        }
        long[] d = dims.get();
        Shape in = ctx.inputCount() > 0 ? ctx.input(0).shape() : Shape.UNKNOWN_RANK;
        List<Dim> out = new ArrayList<>(d.length);
        for (int i = 0; i < d.length; i++) {
            if (d[i] >= 0) {
                out.add(Dim.of(d[i]));
            } else if (d[i] == FROM_INPUT_BATCH) {
                // Per sample, as ShapeInference takes graph inputs: the batch is 1 where the input does not say.
                out.add(in.hasRank() && in.rank() > 0 ? in.dim(0) : Dim.of(1));
            } else if (d[i] == FROM_INPUT_TIME) {
                Dim t = timeOf(in, d.length, i);
                var window = ctx.node().intsAttr(TimeWindow.ATTR);
                out.add(window.isPresent() ? TimeWindow.apply(window.get(), t) : t);
            } else {
                out.add(Dim.UNKNOWN);
            }
        }
        DType dtype = DType.fromShortName(ctx.node().stringAttr(DECLARED_DTYPE).orElse("unknown"));
        ctx.setOutput(0, new TensorType(dtype, Shape.of(out)));
    }

    /** The input's sequence length: the same axis of a same-rank input, else its only non-fixed axis. */
    private static Dim timeOf(Shape in, int rank, int axis) {
        if (!in.hasRank()) {
            return Dim.symbol(Types.TIME);
        }
        if (in.rank() == rank) {
            return in.dim(axis);
        }
        return in.rank() == 3 ? in.dim(2) : Dim.symbol(Types.TIME);
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        String kind = ctx.node().stringAttr(LayerCosts.KIND).orElse("none");
        long factor = ctx.node().intAttr(LayerCosts.FACTOR, 0);
        return switch (kind) {
            case "none" -> OptionalLong.of(0);
            case "per_output" -> times(ctx.output(0).shape().elementCount(), factor);
            case "per_input" -> times(ctx.input(0).shape().elementCount(), factor);
            case "per_row" -> {
                long features = ctx.node().intAttr(LayerCosts.ROW_FEATURES, 0);
                OptionalLong in = ctx.input(0).shape().elementCount();
                yield features <= 0 || in.isEmpty() ? OptionalLong.empty()
                        : OptionalLong.of(Math.multiplyExact(in.getAsLong() / features, factor));
            }
            default -> OptionalLong.empty();
        };
    }

    private static OptionalLong times(OptionalLong elements, long factor) {
        return elements.isPresent() ? OptionalLong.of(Math.multiplyExact(elements.getAsLong(), factor)) : OptionalLong.empty();
    }

    @Override
    public Allocation allocation() { return allocation; }

    @Override
    public Allocation trainingAllocation(Node node) { return trainingAllocation; }

    @Override
    public BackwardSaves savedForBackward(Node node) { return saves; }

    @Override
    public String costFormula() { return formula; }
}
