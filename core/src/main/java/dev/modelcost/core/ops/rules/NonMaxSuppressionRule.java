package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/**
 * NonMaxSuppression: int64 [selected, 3]. How many boxes survive depends on the boxes and scores; when their
 * values are known the selection is run (greedy by score, suppressing IoU above the threshold), else the
 * count is unknown and diagnosed.
 */
final class NonMaxSuppressionRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("NonMaxSuppression"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        var boxes = ctx.inputValues(0);
        var scores = ctx.inputValues(1);
        Shape sb = ctx.input(0).shape();
        Shape ss = ctx.input(1).shape();
        Dim selected = Dim.UNKNOWN;
        if (boxes.isPresent() && scores.isPresent() && sb.isFullyKnown() && ss.isFullyKnown()) {
            selected = Dim.of(select(ctx, boxes.get(), scores.get(), ss.sizes()));
        } else {
            ctx.diagnose("the number of selected boxes depends on the boxes' and scores' values; unknown");
        }
        ctx.setOutput(0, new TensorType(DType.INT64, Shape.of(List.of(selected, Dim.of(3)))));
    }

    private static long select(InferenceContext ctx, ConstantValues boxes, ConstantValues scores, long[] scoreShape) {
        long max = ctx.hasInput(2) ? ctx.inputValues(2).map(v -> v.longAt(0)).orElse(0L) : 0;
        double iou =
                ctx.hasInput(3) ? ctx.inputValues(3).map(v -> v.doubleAt(0)).orElse(0.0) : 0;
        Double threshold =
                ctx.hasInput(4) ? ctx.inputValues(4).map(v -> v.doubleAt(0)).orElse(null) : null;
        boolean center = ctx.node().intAttr("center_point_box", 0) != 0;
        int batches = (int) scoreShape[0];
        int classes = (int) scoreShape[1];
        int n = (int) scoreShape[2];
        long total = 0;
        for (int b = 0; b < batches; b++) {
            for (int c = 0; c < classes; c++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double sc = scores.doubleAt((b * classes + c) * n + i);
                    if (threshold == null || sc > threshold) {
                        order.add(i);
                    }
                }
                final int base = (b * classes + c) * n;
                order.sort((x, y) -> Double.compare(scores.doubleAt(base + y), scores.doubleAt(base + x)));
                List<Integer> kept = new ArrayList<>();
                for (int i : order) {
                    if (kept.size() >= max) {
                        break;
                    }
                    boolean keep = true;
                    for (int k : kept) {
                        if (overlap(boxes, b * n + i, b * n + k, center) > iou) {
                            keep = false;
                            break;
                        }
                    }
                    if (keep) {
                        kept.add(i);
                    }
                }
                total += kept.size();
            }
        }
        return total;
    }

    private static double overlap(ConstantValues boxes, int i, int j, boolean center) {
        double[] a = corners(boxes, i, center);
        double[] b = corners(boxes, j, center);
        double w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = w * h;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** x1, y1, x2, y2 with x1 ≤ x2 and y1 ≤ y2. */
    private static double[] corners(ConstantValues boxes, int i, boolean center) {
        double p = boxes.doubleAt(4 * i);
        double q = boxes.doubleAt(4 * i + 1);
        double r = boxes.doubleAt(4 * i + 2);
        double s = boxes.doubleAt(4 * i + 3);
        if (center) {
            return new double[] {p - r / 2, q - s / 2, p + r / 2, q + s / 2};
        }
        return new double[] {Math.min(q, s), Math.min(p, r), Math.max(q, s), Math.max(p, r)};
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "[selected, 3] int64; selected counted when boxes and scores are known, else unknown";
    }
}
