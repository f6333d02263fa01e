package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ai.onnx.ml feature plumbing (all version 1): ArrayFeatureExtractor picks columns of the last axis (a 1-D input
 * gives [1, k]); OneHotEncoder appends a category axis; FeatureVectorizer joins its inputs into [N, sum of
 * inputdimensions] floats; DictVectorizer and CastMap turn a map into [1, C]; ZipMap turns scores [N, C] into a
 * sequence of maps. Map inputs have their value type as tensor type (see the ONNX importer's ValueInfos).
 * Categories and vocabularies are not parameters.
 */
final class MlFeatureRule implements OpRule {
    enum Kind {
        ARRAY_FEATURE_EXTRACTOR("ArrayFeatureExtractor"),
        ONE_HOT_ENCODER("OneHotEncoder"),
        FEATURE_VECTORIZER("FeatureVectorizer"),
        DICT_VECTORIZER("DictVectorizer"),
        CAST_MAP("CastMap"),
        ZIP_MAP("ZipMap");

        private final String opType;

        Kind(String opType) {
            this.opType = opType;
        }
    }

    private final Kind kind;

    MlFeatureRule(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(Domains.ML, kind.opType, 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        switch (kind) {
            case ARRAY_FEATURE_EXTRACTOR -> arrayFeatureExtractor(ctx);
            case ONE_HOT_ENCODER -> {
                Shape x = ctx.input(0).shape();
                Dim categories = count("cats_int64s", "cats_strings", ctx);
                ctx.setOutput(
                        0, new TensorType(DType.FLOAT32, x.hasRank() ? append(x, categories) : Shape.UNKNOWN_RANK));
            }
            case FEATURE_VECTORIZER -> featureVectorizer(ctx);
            case DICT_VECTORIZER -> ctx.setOutput(
                    0,
                    new TensorType(
                            ctx.input(0).dtype(),
                            Shape.of(List.of(Dim.of(1), count("int64_vocabulary", "string_vocabulary", ctx)))));
            case CAST_MAP -> castMap(ctx);
            case ZIP_MAP -> ctx.setOutputSequence(0, SequenceValue.ofUnknownLength(TensorType.UNKNOWN));
        }
    }

    private static void arrayFeatureExtractor(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        var k = ctx.input(1).shape().elementCount();
        Dim picked = k.isPresent() ? Dim.of(k.getAsLong()) : Dim.UNKNOWN;
        Shape out;
        if (!x.hasRank()) {
            out = Shape.UNKNOWN_RANK;
        } else if (x.rank() <= 1) {
            out = Shape.of(List.of(Dim.of(1), picked));
        } else {
            List<Dim> dims = new ArrayList<>(x.dims());
            dims.set(dims.size() - 1, picked);
            out = Shape.of(dims);
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), out));
    }

    private static void featureVectorizer(InferenceContext ctx) {
        Shape first = ctx.input(0).shape();
        Dim n = !first.hasRank() ? Dim.UNKNOWN : first.rank() <= 1 ? Dim.of(1) : first.dim(0);
        Optional<long[]> widths = ctx.node().intsAttr("inputdimensions");
        Dim total = Dim.UNKNOWN;
        if (widths.isPresent()) {
            long sum = 0;
            for (long w : widths.get()) {
                sum = Math.addExact(sum, w);
            }
            total = Dim.of(sum);
        }
        ctx.setOutput(0, new TensorType(DType.FLOAT32, Shape.of(List.of(n, total))));
    }

    private static void castMap(InferenceContext ctx) {
        String to = ctx.node().stringAttr("cast_to").orElse("TO_FLOAT");
        DType d = to.equals("TO_STRING") ? DType.STRING : to.equals("TO_INT64") ? DType.INT64 : DType.FLOAT32;
        boolean sparse = ctx.node().stringAttr("map_form").orElse("DENSE").equals("SPARSE");
        Dim width = sparse ? Dim.of(ctx.node().intAttr("max_map", 1)) : Dim.UNKNOWN; // dense: the map's size
        ctx.setOutput(0, new TensorType(d, Shape.of(List.of(Dim.of(1), width))));
    }

    /** Length of whichever of the two list attributes is present. */
    private static Dim count(String intsName, String stringsName, InferenceContext ctx) {
        Optional<long[]> ints = ctx.node().intsAttr(intsName);
        if (ints.isPresent()) {
            return Dim.of(ints.get().length);
        }
        return ctx.node().attr(stringsName).orElse(null) instanceof Attr.Strs s
                ? Dim.of(s.values().size())
                : Dim.UNKNOWN;
    }

    private static Shape append(Shape s, Dim d) {
        List<Dim> dims = new ArrayList<>(s.dims());
        dims.add(d);
        return Shape.of(dims);
    }

    @Override
    public String shapeRule() {
        return switch (kind) {
            case ARRAY_FEATURE_EXTRACTOR -> "X with its last axis replaced by the number of indices ([1, k] for a 1-D X)";
            case ONE_HOT_ENCODER -> "X's shape + [number of categories], float";
            case FEATURE_VECTORIZER -> "[N, sum of inputdimensions], float";
            case DICT_VECTORIZER -> "[1, vocabulary size], the map's value type";
            case CAST_MAP -> "[1, map size] (dense) or [1, max_map] (sparse)";
            case ZIP_MAP -> "a sequence of maps, one per row";
        };
    }
}
