package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sequence ops that build, edit and read sequences: SequenceEmpty, SequenceConstruct, SequenceInsert,
 * SequenceErase, SequenceAt, SequenceLength. Element types are tracked one by one while the length and
 * the positions are known; otherwise the common element type stands for every element.
 */
final class SequenceRule implements OpRule {
    enum Kind {
        EMPTY,
        CONSTRUCT,
        INSERT,
        ERASE,
        AT,
        LENGTH;

        String opType() {
            return "Sequence" + name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    SequenceRule(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx(kind.opType()));
    }

    @Override
    public void infer(InferenceContext ctx) {
        switch (kind) {
            case EMPTY -> {
                DType d = OnnxDataTypes.fromCode((int) ctx.node().intAttr("dtype", 1));
                ctx.setOutputSequence(0, new SequenceValue(new TensorType(d, Shape.UNKNOWN_RANK), List.of()));
            }
            case CONSTRUCT -> {
                List<TensorType> elements = new ArrayList<>();
                for (int i = 0; i < ctx.inputCount(); i++) {
                    elements.add(ctx.input(i));
                }
                ctx.setOutputSequence(0, SequenceValue.ofElements(elements, TensorType.UNKNOWN));
            }
            case INSERT -> insert(ctx);
            case ERASE -> erase(ctx);
            case AT -> at(ctx);
            case LENGTH -> {
                ctx.setOutput(0, new TensorType(DType.INT64, Shape.SCALAR));
                ctx.inputSequence(0)
                        .filter(SequenceValue::lengthKnown)
                        .ifPresent(s -> ctx.setOutputValues(
                                0, ConstantValues.ofLongs(s.elements().size())));
            }
        }
    }

    private static SequenceValue sequence(InferenceContext ctx) {
        return ctx.inputSequence(0).orElse(SequenceValue.ofUnknownLength(TensorType.UNKNOWN));
    }

    /** Position input {@code i} normalised against {@code length}, or empty when unknown. */
    private static Optional<Integer> position(InferenceContext ctx, int i, int length, int fallback) {
        if (!ctx.hasInput(i)) {
            return Optional.of(fallback);
        }
        return ctx.inputValues(i).map(v -> {
            long p = v.longAt(0);
            return (int) (p < 0 ? p + length : p);
        });
    }

    private static void insert(InferenceContext ctx) {
        SequenceValue s = sequence(ctx);
        TensorType t = ctx.input(1);
        if (!s.lengthKnown()) {
            ctx.setOutputSequence(0, SequenceValue.ofUnknownLength(Types2.merge(s, t)));
            return;
        }
        Optional<Integer> at =
                position(ctx, 2, s.elements().size(), s.elements().size());
        if (at.isEmpty()) {
            ctx.setOutputSequence(0, SequenceValue.ofUnknownLength(Types2.merge(s, t)));
            return;
        }
        List<TensorType> e = new ArrayList<>(s.elements());
        e.add(at.get(), t);
        ctx.setOutputSequence(0, SequenceValue.ofElements(e, t));
    }

    private static void erase(InferenceContext ctx) {
        SequenceValue s = sequence(ctx);
        if (!s.lengthKnown()) {
            ctx.setOutputSequence(0, s);
            return;
        }
        Optional<Integer> at =
                position(ctx, 1, s.elements().size(), s.elements().size() - 1);
        if (at.isEmpty()) {
            ctx.setOutputSequence(0, SequenceValue.ofUnknownLength(s.elementType()));
            return;
        }
        List<TensorType> e = new ArrayList<>(s.elements());
        e.remove((int) at.get());
        ctx.setOutputSequence(0, new SequenceValue(s.elementType(), e));
    }

    private static void at(InferenceContext ctx) {
        SequenceValue s = sequence(ctx);
        if (s.lengthKnown()) {
            Optional<Integer> at = position(ctx, 1, s.elements().size(), 0);
            if (at.isPresent() && at.get() >= 0 && at.get() < s.elements().size()) {
                ctx.setOutput(0, s.elements().get(at.get()));
                return;
            }
        }
        ctx.setOutput(0, s.elementType());
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return kind == Kind.CONSTRUCT || kind == Kind.INSERT && index == 1 ? null : TensorRole.CONSTANT;
    }

    /** The element type shared by a sequence's elements and one more tensor. */
    private static final class Types2 {
        static TensorType merge(SequenceValue s, TensorType t) {
            return dev.modelcost.core.ops.Types.common(List.of(s.elementType(), t));
        }
    }

    @Override
    public String shapeRule() {
        return "sequence edits tracked element by element while length and positions are known";
    }
}
