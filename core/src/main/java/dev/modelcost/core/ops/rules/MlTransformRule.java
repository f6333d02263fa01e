package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * ai.onnx.ml element-wise preprocessing: the output has the input's shape. Scaler and Normalizer output float;
 * Imputer and Binarizer keep the input's type; LabelEncoder outputs its {@code values_*} type (version 1, which
 * has none, maps strings to int64 and back); CategoryMapper maps strings to int64 and back. A Scaler's offsets and
 * scales and an Imputer's imputed values are fitted statistics (parameters, role normalisation statistic);
 * vocabularies, thresholds and replaced values are not parameters.
 */
final class MlTransformRule implements OpRule {
    enum Kind {
        SCALER,
        NORMALIZER,
        IMPUTER,
        BINARIZER,
        LABEL_ENCODER,
        CATEGORY_MAPPER
    }

    private final Kind kind;

    MlTransformRule(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return switch (kind) {
            case SCALER -> List.of(new OpKey(Domains.ML, "Scaler", 1));
            case NORMALIZER -> List.of(new OpKey(Domains.ML, "Normalizer", 1));
            case IMPUTER -> List.of(new OpKey(Domains.ML, "Imputer", 1));
            case BINARIZER -> List.of(new OpKey(Domains.ML, "Binarizer", 1));
            case LABEL_ENCODER -> List.of(
                    new OpKey(Domains.ML, "LabelEncoder", 1),
                    new OpKey(Domains.ML, "LabelEncoder", 2),
                    new OpKey(Domains.ML, "LabelEncoder", 4));
            case CATEGORY_MAPPER -> List.of(new OpKey(Domains.ML, "CategoryMapper", 1));
        };
    }

    @Override
    public TensorRole roleOfAttribute(String name) {
        boolean statistic = kind == Kind.SCALER && (name.equals("offset") || name.equals("scale"))
                || kind == Kind.IMPUTER && name.startsWith("imputed_value");
        return statistic ? TensorRole.NORM_STATISTIC : null;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType in = ctx.input(0);
        DType out =
                switch (kind) {
                    case SCALER, NORMALIZER -> DType.FLOAT32;
                    case IMPUTER, BINARIZER -> in.dtype();
                    case LABEL_ENCODER -> labelEncoderOutput(ctx.node(), in.dtype());
                    case CATEGORY_MAPPER -> swapStringAndInt(in.dtype());
                };
        ctx.setOutput(0, new TensorType(out, in.shape()));
    }

    private static DType labelEncoderOutput(Node n, DType input) {
        if (n.attributes().containsKey("values_strings")) {
            return DType.STRING;
        }
        if (n.attributes().containsKey("values_int64s")) {
            return DType.INT64;
        }
        if (n.attributes().containsKey("values_floats")) {
            return DType.FLOAT32;
        }
        if (n.attr("values_tensor").orElse(null) instanceof Attr.TensorValue t) {
            return t.tensor().dtype();
        }
        return swapStringAndInt(input);
    }

    private static DType swapStringAndInt(DType input) {
        return input == DType.STRING ? DType.INT64 : input == DType.INT64 ? DType.STRING : DType.UNKNOWN;
    }

    @Override
    public String shapeRule() {
        return switch (kind) {
            case SCALER, NORMALIZER -> "same shape as input 0, float";
            case IMPUTER, BINARIZER -> "same as input 0";
            case LABEL_ENCODER -> "same shape as input 0; element type of values_* (v1: string <-> int64)";
            case CATEGORY_MAPPER -> "same shape as input 0; string <-> int64";
        };
    }

    @Override
    public String costFormula() {
        return kind == Kind.SCALER
                ? "0 MACs (none counted); offset and scale attributes are parameters (statistics)"
                : kind == Kind.IMPUTER ? "0 MACs; imputed values are parameters (statistics)" : "0 MACs (none counted)";
    }
}
