package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * onnxruntime-extensions DecodeImage: encoded bytes (1-D uint8) to pixels uint8 [H, W, 3]; EncodeImage: pixels to
 * a 1-D uint8 stream (the custom ops' documentation, onnxruntime-extensions docs/custom_ops.md).
 */
class ImageCodecRuleTest {
    private static final String EXT = "com.microsoft.extensions";

    private static InferredTypes run(Assumptions a) {
        // bytes [n] -> DecodeImage -> [H, W, 3] -> Transpose (2, 0, 1) -> [3, H, W] -> back -> EncodeImage
        Graph g = new Graph(
                "codec",
                List.of(
                        new Node("decode", EXT, "DecodeImage", List.of("bytes"), List.of("bgr"), Map.of()),
                        new Node(
                                "chw",
                                "",
                                "Transpose",
                                List.of("bgr"),
                                List.of("planes"),
                                Map.of("perm", Nodes.is(2, 0, 1))),
                        new Node(
                                "hwc",
                                "",
                                "Transpose",
                                List.of("planes"),
                                List.of("pixels"),
                                Map.of("perm", Nodes.is(1, 2, 0))),
                        new Node(
                                "encode",
                                EXT,
                                "EncodeImage",
                                List.of("pixels"),
                                List.of("png"),
                                Map.of("format", new Attr.Str("png")))),
                List.of(new ValueInfo(
                        "bytes", new TensorType(DType.UINT8, Shape.of(List.of(Dim.symbol("num_bytes")))))),
                List.of(new ValueInfo("png", TensorType.UNKNOWN)),
                Map.of(),
                Map.of(),
                Map.of("", 18, EXT, 1));
        return ShapeInference.run(g, a, OpRegistry.standard());
    }

    @Test
    void decodedPixelsAreHeightByWidthByThreeBytesNamedAfterTheNode() {
        InferredTypes t = run(Assumptions.DEFAULT);
        assertEquals(DType.UINT8, t.typeOf("bgr").dtype());
        assertEquals("[decode.height, decode.width, 3]", t.typeOf("bgr").shape().toString());
        assertEquals(
                "[3, decode.height, decode.width]", t.typeOf("planes").shape().toString());
        assertEquals(DType.UINT8, t.typeOf("png").dtype());
        assertEquals("[?]", t.typeOf("png").shape().toString(), "the encoded length depends on the pixels");
    }

    @Test
    void dimSetsTheDecodedSize() {
        InferredTypes t = run(new Assumptions(1, Map.of("decode.height", 480L, "decode.width", 640L), null));
        assertEquals(Shape.of(3, 480, 640), t.typeOf("planes").shape());
    }
}
