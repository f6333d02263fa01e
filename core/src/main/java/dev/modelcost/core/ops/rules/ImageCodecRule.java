package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * onnxruntime-extensions' image codecs. DecodeImage turns the bytes of an encoded image (1-D uint8) into its pixels,
 * uint8 [height, width, 3] (BGR, or RGB by its color_space attribute); height and width are in the data, so they
 * are symbols named after the node ({@code <node>.height}, {@code <node>.width}) that --dim can set. EncodeImage
 * turns [height, width, 3] uint8 pixels into a 1-D uint8 PNG or JPEG stream whose length depends on the pixels.
 */
final class ImageCodecRule implements OpRule {
    private static final int CHANNELS = 3;
    private final boolean decode;

    private ImageCodecRule(boolean decode) {
        this.decode = decode;
    }

    static ImageCodecRule decode() {
        return new ImageCodecRule(true);
    }

    static ImageCodecRule encode() {
        return new ImageCodecRule(false);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(new OpKey(Domains.EXTENSIONS, decode ? "DecodeImage" : "EncodeImage", 1));
    }

    @Override
    public void infer(InferenceContext ctx) {
        if (decode) {
            String node = ctx.node().label();
            Dim height = ctx.dataSymbol(node + ".height");
            Dim width = ctx.dataSymbol(node + ".width");
            ctx.setOutput(0, new TensorType(DType.UINT8, Shape.of(List.of(height, width, Dim.of(CHANNELS)))));
        } else {
            ctx.setOutput(0, new TensorType(DType.UINT8, Shape.of(List.of(Dim.UNKNOWN))));
        }
    }

    @Override
    public String shapeRule() {
        return decode
                ? "uint8 [<node>.height, <node>.width, 3]: the size is in the encoded bytes, a symbol --dim can set"
                : "uint8 [encoded length]: 1-D, its length depends on the pixels (unknown)";
    }

    @Override
    public String costFormula() {
        return "0 MACs (decoding and encoding are not multiply-accumulates)";
    }
}
