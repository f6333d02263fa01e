package dev.modelcost.onnx;

import dev.modelcost.core.analysis.BatchDimension;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX has no batch axis; an exporter traced with N samples writes N as every input's and output's leading size
 * ({@code [10, 1, 28, 28]} in, {@code [10, 10]} out; {@code [1, 3, 224, 224]} in, {@code [1, 1000]} out). Where every
 * data input of rank 2 or more and every declared output of rank 2 or more agree on one fixed leading size, and the
 * graph uses each such input's leading axis as the batch ({@link BatchDimension#leadingAxisIsBatch}), that axis is
 * marked as the file's batch: its figures are divided by it, and {@code --batch M} re-batches it. A leading size the
 * outputs do not share stays unmarked (an input without a batch axis, [3, 224, 224] to [1000]; a cache [2, 1, ...]
 * beside tokens [1, 7]): the shapes then stay as declared and the figures per sample.
 */
final class FileBatchAxis {
    private FileBatchAxis() {}

    static Graph mark(Graph g) {
        long batch = commonLeadingSize(g.dataInputs(), true);
        if (batch < 1 || commonLeadingSize(g.outputs(), false) != batch) {
            return g;
        }
        for (ValueInfo in : g.dataInputs()) {
            if (leadingSize(in.type().shape()) == batch && !BatchDimension.leadingAxisIsBatch(g, in)) {
                return g; // the graph adds its batch axis in front of this input: its leading size is something else
            }
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfo in : g.inputs()) {
            boolean data =
                    !g.tensors().containsKey(in.name()) && leadingSize(in.type().shape()) == batch;
            inputs.add(data ? in.withBatchAxis(0) : in);
        }
        return new Graph(g.name(), g.nodes(), inputs, g.outputs(), g.tensors(), g.declaredValues(), g.opsets());
    }

    /** The fixed leading size all values of rank ≥ 2 share; 0 when none has one or they differ. */
    private static long commonLeadingSize(List<ValueInfo> values, boolean everyOneMust) {
        long common = 0;
        for (ValueInfo v : values) {
            long size = leadingSize(v.type().shape());
            if (size < 0) {
                if (everyOneMust
                        && v.type().shape().hasRank()
                        && v.type().shape().rank() >= 2) {
                    return 0;
                }
                continue;
            }
            if (common != 0 && common != size) {
                return 0;
            }
            common = size;
        }
        return common;
    }

    /** The fixed leading size of a shape of rank ≥ 2, or -1. */
    private static long leadingSize(Shape s) {
        if (!s.hasRank() || s.rank() < 2) {
            return -1;
        }
        Dim d = s.dim(0);
        return d.isFixed() ? d.size() : -1;
    }
}
