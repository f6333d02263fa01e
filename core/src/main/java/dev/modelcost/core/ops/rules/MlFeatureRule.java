package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;

import java.util.ArrayList;
import java.util.List;

/**
 * ai.onnx.ml feature transforms (ai.onnx.ml operator specs): OneHotEncoder X [...] → float [..., categories];
 * ArrayFeatureExtractor X [..., C], indices [k] → [..., k] ([1, k] for a 1-D X); FeatureVectorizer [N, c_i]... →
 * float [N, Σ inputdimensions]; DictVectorizer map → [?, vocabulary size] (float unless the map holds other
 * values); ZipMap [N, classes] → a sequence of maps, one per row.
 */
final class MlFeatureRule implements OpRule {
    enum Kind { ONE_HOT_ENCODER, ARRAY_FEATURE_EXTRACTOR, FEATURE_VECTORIZER, DICT_VECTORIZER, ZIP_MAP }

    private final Kind kind;

    MlFeatureRule(Kind kind) { this.kind = kind; }

    @Override
    public List<OpKey> keys() {
        String op = switch (kind) {
            case ONE_HOT_ENCODER -> "OneHotEncoder";
            case ARRAY_FEATURE_EXTRACTOR -> "ArrayFeatureExtractor";
            case FEATURE_VECTORIZER -> "FeatureVectorizer";
            case DICT_VECTORIZER -> "DictVectorizer";
            case ZIP_MAP -> "ZipMap";
        };
        return List.of(new OpKey(Domains.ML, op, 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        switch (kind) {
            case ONE_HOT_ENCODER -> {
                Dim cats = count(ctx, "cats_int64s", "cats_strings");
                List<Dim> dims = x.hasRank() ? new ArrayList<>(x.dims()) : null;
                if (dims != null) {
                    dims.add(cats);
                }
                ctx.setOutput(0, new TensorType(DType.FLOAT32, dims == null ? Shape.UNKNOWN_RANK : Shape.of(dims)));
            }
            case ARRAY_FEATURE_EXTRACTOR -> {
                Shape idx = ctx.input(1).shape();
                Dim k = idx.elementCount().isPresent() ? Dim.of(idx.elementCount().getAsLong()) : Dim.UNKNOWN;
                Shape out = !x.hasRank() ? Shape.UNKNOWN_RANK : x.rank() <= 1 ? Shape.of(List.of(Dim.of(1), k)) : x.with(x.rank() - 1, k);
                ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), out));
            }
            case FEATURE_VECTORIZER -> {
                long[] widths = ctx.node().intsAttr("inputdimensions").orElse(null);
                long sum = 0;
                for (long w : widths == null ? new long[0] : widths) {
                    sum = Math.addExact(sum, w);
                }
                Dim n = x.hasRank() && x.rank() >= 1 ? x.dim(0) : Dim.UNKNOWN;
                ctx.setOutput(0, new TensorType(DType.FLOAT32, Shape.of(List.of(n, widths == null ? Dim.UNKNOWN : Dim.of(sum)))));
            }
            case DICT_VECTORIZER -> ctx.setOutput(0, new TensorType(DType.FLOAT32,
                    Shape.of(List.of(Dim.UNKNOWN, count(ctx, "int64_vocabulary", "string_vocabulary")))));
            case ZIP_MAP -> ctx.setOutputSequence(0, SequenceValue.ofUnknownLength(TensorType.UNKNOWN));
        }
    }

    /** Entries of whichever of two list attributes is present. */
    private static Dim count(InferenceContext ctx, String ints, String strings) {
        var i = ctx.node().intsAttr(ints);
        if (i.isPresent()) {
            return Dim.of(i.get().length);
        }
        Attr s = ctx.node().attr(strings).orElse(null);
        return s instanceof Attr.Strs strs ? Dim.of(strs.values().size()) : Dim.UNKNOWN;
    }

    @Override
    public TensorRole roleOfInput(int index) { return index == 0 ? null : TensorRole.CONSTANT; }

    @Override
    public String shapeRule() {
        return switch (kind) {
            case ONE_HOT_ENCODER -> "X's shape plus a last axis of the categories (cats_int64s or cats_strings); float";
            case ARRAY_FEATURE_EXTRACTOR -> "X with its last axis the number of indices ([1, k] for 1-D X)";
            case FEATURE_VECTORIZER -> "[N, sum of inputdimensions]; float";
            case DICT_VECTORIZER -> "[?, vocabulary size]; float";
            case ZIP_MAP -> "a sequence of maps (class label to score), one per row";
        };
    }
}
