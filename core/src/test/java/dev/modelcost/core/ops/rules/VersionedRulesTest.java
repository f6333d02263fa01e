package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ops whose inputs or attributes changed meaning between opset versions, and data-dependent sizes with known data. */
class VersionedRulesTest {

    @Test
    void upsample7TakesScalesFromItsAttribute() {
        // ONNX Upsample nearest example: [1, 1, 2, 2] with scales [1, 1, 2, 3] -> [1, 1, 4, 6].
        var t = new Nodes(7)
                .input("x", 1, 1, 2, 2)
                .node("Upsample", List.of("x"), "y", Map.of("scales", new Attr.Floats(List.of(1.0, 1.0, 2.0, 3.0))))
                .output("y")
                .infer();
        assertEquals(Shape.of(1, 1, 4, 6), t.typeOf("y").shape());
    }

    @Test
    void squeezeAxesMoveFromAttributeToInputAtOpset13() {
        var old = new Nodes(11)
                .input("x", 1, 3, 1, 5)
                .node("Squeeze", List.of("x"), "y", Map.of("axes", Nodes.is(0)))
                .output("y")
                .infer();
        assertEquals(Shape.of(3, 1, 5), old.typeOf("y").shape());
        var now = new Nodes(13)
                .input("x", 1, 3, 1, 5)
                .vector("axes", 2)
                .node("Squeeze", List.of("x", "axes"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(1, 3, 5), now.typeOf("y").shape());
    }

    @Test
    void split18WithNumOutputsGivesTheRemainderToTheLastPart() {
        // ONNX Split-18 example: 7 elements into 4 outputs -> 2, 2, 2, 1.
        var t = new Nodes(18)
                .input("x", 7)
                .node("Split", List.of("x"), List.of("a", "b", "c", "d"), Map.of("num_outputs", Nodes.i(4)))
                .infer();
        assertEquals(Shape.of(2), t.typeOf("a").shape());
        assertEquals(Shape.of(1), t.typeOf("d").shape());
    }

    @Test
    void pad11TakesPadsFromItsInput() {
        // ONNX Pad constant example: [3, 2] with pads [0, 2, 0, 0] -> [3, 4].
        var t = new Nodes(11)
                .input("x", 3, 2)
                .vector("pads", 0, 2, 0, 0)
                .node("Pad", List.of("x", "pads"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(3, 4), t.typeOf("y").shape());
    }

    @Test
    void compressCountsTheTrueConditions() {
        // ONNX Compress example 0: [3, 2] with condition [0, 1, 1] on axis 0 -> [2, 2].
        var n = new Nodes(11).input("x", 3, 2);
        n.tensors.put(
                "c",
                new Tensor(
                        "c",
                        DType.BOOL,
                        Shape.of(3),
                        null,
                        null,
                        new Storage(Storage.MODEL_FILE, 0, 3, Storage.Encoding.RAW),
                        ConstantValues.ofLongs(0, 1, 1)));
        var t = n.node("Compress", List.of("x", "c"), "y", Map.of("axis", Nodes.i(0)))
                .output("y")
                .infer();
        assertEquals(Shape.of(2, 2), t.typeOf("y").shape());
    }

    @Test
    void uniqueCountsDistinctKnownValues() {
        // ONNX Unique example: [2, 1, 1, 3, 4, 3] has 4 distinct values; inverse indices keep 6.
        var t = new Nodes(11)
                .floats("x", 2, 1, 1, 3, 4, 3)
                .node("Unique", List.of("x"), List.of("y", "idx", "inv", "counts"), Map.of())
                .infer();
        assertEquals(Shape.of(4), t.typeOf("y").shape());
        assertEquals(Shape.of(6), t.typeOf("inv").shape());
    }

    @Test
    void depthToSpaceAndOneHotAndGatherND() {
        // DepthToSpace blocksize 2: [1, 8, 2, 3] -> [1, 2, 4, 6]; OneHot depth 10 on [2, 3] at axis -1 -> [2, 3, 10];
        // GatherND example (batch_dims 0): data [2, 2], indices [2, 2] -> [2].
        var t = new Nodes(13)
                .input("x", 1, 8, 2, 3)
                .input("idx", DType.INT64, 2, 3)
                .scalar("depth", 10)
                .vector("vals", 0, 1)
                .input("data", 2, 2)
                .input("ind", DType.INT64, 2, 2)
                .node("DepthToSpace", List.of("x"), "d2s", Map.of("blocksize", Nodes.i(2)))
                .node("OneHot", List.of("idx", "depth", "vals"), "oh")
                .node("GatherND", List.of("data", "ind"), "g")
                .infer();
        assertEquals(Shape.of(1, 2, 4, 6), t.typeOf("d2s").shape());
        assertEquals(Shape.of(2, 3, 10), t.typeOf("oh").shape());
        assertEquals(Shape.of(2), t.typeOf("g").shape());
    }

    @Test
    void qlinearConvTakesTheOutputZeroPointsType() {
        var n = new Nodes(13).input("x", DType.UINT8, 1, 1, 7, 7).weight("w", 1, 1, 1, 1);
        n.tensors.put(
                "yz",
                new Tensor(
                        "yz",
                        DType.UINT8,
                        Shape.SCALAR,
                        null,
                        null,
                        new Storage(Storage.MODEL_FILE, 0, 1, Storage.Encoding.RAW),
                        ConstantValues.ofLongs(0)));
        var t = n.node("QLinearConv", List.of("x", "", "", "w", "", "", "", "yz"), "y")
                .output("y")
                .infer();
        assertEquals(Shape.of(1, 1, 7, 7), t.typeOf("y").shape());
        assertEquals(DType.UINT8, t.typeOf("y").dtype());
    }
}
