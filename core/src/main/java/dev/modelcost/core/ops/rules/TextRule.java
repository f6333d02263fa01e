package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text ops. StringNormalizer drops stop words, so its length depends on data: exact when the strings are
 * known (an all-removed input leaves one empty string), the same without stop words, else unknown.
 * TfIdfVectorizer: the last axis becomes max(ngram_indexes) + 1 (float).
 */
final class TextRule implements OpRule {
    private final boolean normalizer;

    private TextRule(boolean normalizer) {
        this.normalizer = normalizer;
    }

    static TextRule stringNormalizer() {
        return new TextRule(true);
    }

    static TextRule tfIdfVectorizer() {
        return new TextRule(false);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx(normalizer ? "StringNormalizer" : "TfIdfVectorizer"));
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape s = ctx.input(0).shape();
        if (!s.hasRank()) {
            ctx.setOutput(0, new TensorType(normalizer ? DType.STRING : DType.FLOAT32, Shape.UNKNOWN_RANK));
            return;
        }
        if (!normalizer) {
            long[] idx = ctx.node().intsAttr("ngram_indexes").orElse(new long[0]);
            long max = -1;
            for (long i : idx) {
                max = Math.max(max, i);
            }
            ctx.setOutput(0, new TensorType(DType.FLOAT32, s.with(s.rank() - 1, Dim.of(max + 1))));
            return;
        }
        List<String> stop = ctx.node().attr("stopwords").orElse(null) instanceof Attr.Strs w ? w.values() : List.of();
        Dim kept;
        var values = ctx.inputValues(0);
        if (stop.isEmpty()) {
            kept = s.dim(s.rank() - 1);
        } else if (values.isPresent() && values.get().isString()) {
            boolean caseSensitive = ctx.node().intAttr("is_case_sensitive", 0) != 0;
            Set<String> words = new HashSet<>();
            for (String w : stop) {
                words.add(caseSensitive ? w : w.toLowerCase(Locale.ROOT));
            }
            List<String> left = new ArrayList<>();
            for (String v : values.get().strings()) {
                if (!words.contains(caseSensitive ? v : v.toLowerCase(Locale.ROOT))) {
                    left.add(v);
                }
            }
            kept = Dim.of(Math.max(1, left.size()));
        } else {
            ctx.diagnose("stop-word removal depends on the strings; output length unknown");
            kept = Dim.UNKNOWN;
        }
        ctx.setOutput(0, new TensorType(DType.STRING, s.with(s.rank() - 1, kept)));
    }

    @Override
    public String shapeRule() {
        return "StringNormalizer: last dim = strings left after stop words (1 if none); TfIdfVectorizer: last dim = max(ngram_indexes)+1";
    }
}
