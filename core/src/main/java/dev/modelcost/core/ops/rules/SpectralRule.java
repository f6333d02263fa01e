package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * Signal ops of opset 17. DFT: the {@code axis} dim becomes dft_length (or stays), halved to n/2+1 when
 * onesided, and the last dim 2 (complex). STFT: [batch, frames, bins, 2] with frames =
 * (signal − frame_length) / frame_step + 1 and bins = frame_length/2+1 when onesided. Hann/Hamming/Blackman
 * windows: [size]. MelWeightMatrix: [dft_length/2+1, num_mel_bins].
 */
final class SpectralRule implements OpRule {
    enum Kind {
        DFT,
        STFT,
        WINDOW,
        MEL
    }

    private final Kind kind;

    SpectralRule(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<OpKey> keys() {
        return switch (kind) {
            case DFT -> List.of(OpKey.onnx("DFT"));
            case STFT -> List.of(OpKey.onnx("STFT"));
            case WINDOW -> OpKey.each(OpKey.ONNX, 1, "HannWindow", "HammingWindow", "BlackmanWindow");
            case MEL -> List.of(OpKey.onnx("MelWeightMatrix"));
        };
    }

    @Override
    public void infer(InferenceContext ctx) {
        switch (kind) {
            case DFT -> dft(ctx);
            case STFT -> stft(ctx);
            case WINDOW -> ctx.setOutput(0, new TensorType(outputType(ctx), Shape.of(List.of(scalar(ctx, 0)))));
            case MEL -> {
                Dim dft = scalar(ctx, 1);
                Dim bins = dft.isFixed() ? Dim.of(dft.size() / 2 + 1) : Dim.UNKNOWN;
                ctx.setOutput(0, new TensorType(outputType(ctx), Shape.of(List.of(bins, scalar(ctx, 0)))));
            }
        }
    }

    private static DType outputType(InferenceContext ctx) {
        return OnnxDataTypes.fromCode((int) ctx.node().intAttr("output_datatype", 1));
    }

    private static Dim scalar(InferenceContext ctx, int i) {
        return ctx.hasInput(i)
                ? ctx.inputValues(i).map(v -> Dim.of(v.longAt(0))).orElse(Dim.UNKNOWN)
                : Dim.UNKNOWN;
    }

    private static void dft(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        if (!s.hasRank()) {
            ctx.setOutput(0, x);
            return;
        }
        int axis = DimMath.axis(ctx.node().intAttr("axis", 1), s.rank());
        Dim n = ctx.hasInput(1) ? scalar(ctx, 1) : s.dim(axis);
        if (ctx.node().intAttr("onesided", 0) != 0) {
            n = n.isFixed() ? Dim.of(n.size() / 2 + 1) : Dim.UNKNOWN;
        }
        ctx.setOutput(0, new TensorType(x.dtype(), s.with(axis, n).with(s.rank() - 1, Dim.of(2))));
    }

    private static void stft(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        Dim step = scalar(ctx, 1);
        Dim frame = ctx.hasInput(3)
                ? scalar(ctx, 3)
                : ctx.hasInput(2) && ctx.input(2).shape().hasRank()
                        ? ctx.input(2).shape().dim(0)
                        : Dim.UNKNOWN;
        Dim batch = s.hasRank() ? s.dim(0) : Dim.UNKNOWN;
        Dim frames = Dim.UNKNOWN;
        if (s.hasRank() && s.dim(1).isFixed() && frame.isFixed() && step.isFixed()) {
            frames = Dim.of((s.dim(1).size() - frame.size()) / step.size() + 1);
        }
        Dim bins = !frame.isFixed()
                ? Dim.UNKNOWN
                : ctx.node().intAttr("onesided", 1) != 0 ? Dim.of(frame.size() / 2 + 1) : frame;
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(List.of(batch, frames, bins, Dim.of(2)))));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "DFT: axis -> dft_length (n/2+1 onesided), last dim 2; STFT [batch, frames, bins, 2]; windows [size]; Mel [n/2+1, bins]";
    }
}
