package dev.modelcost.core.ops.roles;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorRole;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each role pattern on the smallest graph that has it, and on a near miss it must leave alone. */
class RolePatternsTest {
    private static Map<String, TensorRole> suggest(dev.modelcost.core.ops.RolePattern p, Graph g) {
        Map<String, TensorRole> suggested = new HashMap<>();
        p.suggest(g, suggested);
        return suggested;
    }

    @Test
    void linearBiasIsTheStoredRowAddedToAMatMulByAStoredMatrix() {
        // nn.Linear(4, 3) exported as MatMul by W^T [4, 3] then Add b [3]; an Add of a [3] vector to an input is no
        // bias.
        Graph g = new TinyGraph()
                .input("x", 2, 5, 4)
                .input("y", 2, 5, 3)
                .weight("wT", 4, 3)
                .weight("b", 3)
                .weight("c", 3)
                .node("MatMul", List.of("x", "wT"), "xw")
                .node("Add", List.of("xw", "b"), "lin")
                .node("Add", List.of("y", "c"), "plain")
                .output("lin")
                .output("plain")
                .build();
        assertEquals(Map.of("b", TensorRole.BIAS), suggest(new LinearBiasPattern(), g));
    }

    @Test
    void groupNormsAffinePartAfterInstanceNormalizationAndReshapeIsNormScaleShift() {
        // PyTorch's GroupNorm(2, 4): Reshape to [N, 2, -1], InstanceNormalization, Reshape back, Mul gamma, Add beta.
        Graph g = new TinyGraph()
                .input("x", 1, 4, 3, 3)
                .ints("grouped", 1, 2, -1)
                .ints("back", 1, 4, 3, 3)
                .weight("ones", 2)
                .weight("zeros", 2)
                .weight("gamma", 4, 1, 1)
                .weight("beta", 4, 1, 1)
                .node("Reshape", List.of("x", "grouped"), "g")
                .node("InstanceNormalization", List.of("g", "ones", "zeros"), "n")
                .node("Reshape", List.of("n", "back"), "r")
                .node("Mul", List.of("r", "gamma"), "scaled")
                .node("Add", List.of("scaled", "beta"), "y")
                .output("y")
                .build();
        assertEquals(
                Map.of("gamma", TensorRole.NORM_SCALE_SHIFT, "beta", TensorRole.NORM_SCALE_SHIFT),
                suggest(new DecomposedNormPattern(), g));
    }

    @Test
    void aMulByAStoredVectorOfSomethingNotNormalizedIsNoNormScale() {
        Graph g = new TinyGraph()
                .input("x", 2, 4)
                .weight("s", 4)
                .node("Mul", List.of("x", "s"), "y")
                .output("y")
                .build();
        assertEquals(Map.of(), suggest(new DecomposedNormPattern(), g));
    }

    @Test
    void anRnnsInitialStateExpandedFromAStoredTensorIsAConstant() {
        // LSTM inputs: X, W, R, B, sequence_lens, initial_h (5), initial_c (6); both states expanded from [1, 1, 3].
        Graph g = new TinyGraph()
                .input("x", 5, 2, 4)
                .weight("w", 1, 12, 4)
                .weight("r", 1, 12, 3)
                .weight("h0", 1, 1, 3)
                .weight("c0", 1, 1, 3)
                .ints("shape", 1, 2, 3)
                .node("Expand", List.of("h0", "shape"), "h")
                .node("Expand", List.of("c0", "shape"), "c")
                .node("LSTM", List.of("x", "w", "r", "", "", "h", "c"), "y")
                .output("y")
                .build();
        assertEquals(
                Map.of("h0", TensorRole.CONSTANT, "c0", TensorRole.CONSTANT),
                suggest(new ExpandedInitialStatePattern(), g));
    }

    @Test
    void aWeightReshapedOrSlicedAndConcatenatedBeforeItsLayerIsAWeight() {
        // CNTK: W [16, 4, 4, 10] reshaped to [256, 10] for MatMul; LSTM W built by Concat of two Slices of a stored
        // tensor (gate reordering). The Reshape's shape and the Slice bounds are int64 and stay unclaimed.
        Graph g = new TinyGraph()
                .input("x", 1, 256)
                .input("seq", 3, 1, 4)
                .weight("w", 16, 4, 4, 10)
                .ints("to", 256, 10)
                .weight("gates", 1, 8, 4)
                .ints("lo", 0)
                .ints("hi", 4)
                .ints("end", 8)
                .weight("r", 1, 8, 2)
                .node("Reshape", List.of("w", "to"), "w2")
                .node("MatMul", List.of("x", "w2"), "y")
                .node("Slice", List.of("gates", "hi", "end"), "g1")
                .node("Slice", List.of("gates", "lo", "hi"), "g0")
                .node("Concat", List.of("g1", "g0"), "wl", Map.of("axis", new dev.modelcost.core.ir.Attr.Int(1)))
                .node("LSTM", List.of("seq", "wl", "r"), "h")
                .output("y")
                .output("h")
                .build();
        assertEquals(
                Map.of("w", TensorRole.WEIGHT, "gates", TensorRole.WEIGHT),
                suggest(new WeightThroughViewsPattern(), g));
    }

    @Test
    void dynamicQuantizationScalesAndBiasAfterMatMulInteger() {
        // onnxruntime quantize_dynamic: MatMulInteger(xq, wq) -> Cast -> Mul(x_scale * w_scale [3]) -> Add(b [3])
        Graph g = new TinyGraph()
                .input("xq", 2, 4)
                .input("xs")
                .weight("ws", 3)
                .weight("b", 3)
                .weight("other", 3)
                .tensor("wq", dev.modelcost.core.ir.DType.INT8, 4, 3)
                .node("MatMulInteger", List.of("xq", "wq"), "acc")
                .node("Cast", List.of("acc"), "accf", Map.of("to", new dev.modelcost.core.ir.Attr.Int(1)))
                .node("Mul", List.of("xs", "ws"), "scale")
                .node("Mul", List.of("accf", "scale"), "y")
                .node("Add", List.of("y", "b"), "lin")
                .node("Add", List.of("xq", "other"), "plain")
                .output("lin")
                .output("plain")
                .build();
        assertEquals(
                Map.of("ws", TensorRole.QUANTIZATION, "b", TensorRole.BIAS), suggest(new DynamicQuantPattern(), g));
    }

    @Test
    void anchorBoxesDecodedAfterTheLastLayerAreBuffers() {
        // SSD-style decoding (ultraface): the head's regressions [1, 6, 2] times a variance scalar, times the prior
        // sizes [1, 6, 2], plus the prior centres [1, 6, 2]; exp of the size part times the prior sizes again.
        Graph g = new TinyGraph()
                .input("x", 1, 3, 4, 4)
                .weight("head", 4, 3, 1, 1)
                .ints("to", 1, 6, 2)
                .weight("variance")
                .weight("sizes", 1, 6, 2)
                .weight("centres", 1, 6, 2)
                .weight("sizes2", 1, 6, 2)
                .node("Conv", List.of("x", "head"), "reg")
                .node("Reshape", List.of("reg", "to"), "d")
                .node("Mul", List.of("d", "variance"), "dv")
                .node("Mul", List.of("dv", "sizes"), "ds")
                .node("Add", List.of("ds", "centres"), "c")
                .node("Exp", List.of("d"), "e")
                .node("Mul", List.of("e", "sizes2"), "wh")
                .node("Concat", List.of("c", "wh"), "boxes", Map.of("axis", new dev.modelcost.core.ir.Attr.Int(2)))
                .output("boxes")
                .build();
        assertEquals(
                Map.of("sizes", TensorRole.BUFFER, "centres", TensorRole.BUFFER, "sizes2", TensorRole.BUFFER),
                suggest(new AnchorBufferPattern(), g));
    }

    @Test
    void aPointShapedTensorFollowedByALearnedLayerOrReadByOneIsNoBuffer() {
        // [1, 6, 2] added to the input, then a MatMul by a stored [2, 3] weight: a learned embedding, not anchors;
        // [1, 6, 2] read by MatMul itself; [1, 6, 3] added after the last layer: not the layout of points or boxes;
        // [2, 6, 2]: a leading axis above 1.
        Graph g = new TinyGraph()
                .input("x", 1, 6, 2)
                .weight("pos", 1, 6, 2)
                .weight("w", 2, 3)
                .weight("direct", 1, 6, 2)
                .weight("wide", 1, 6, 3)
                .weight("stacked", 2, 6, 2)
                .node("Add", List.of("x", "pos"), "xp")
                .node("MatMul", List.of("xp", "w"), "y")
                .node("Add", List.of("y", "wide"), "out")
                .node("MatMul", List.of("x", "direct"), "z")
                .node("Mul", List.of("x", "stacked"), "s")
                .output("out")
                .output("z")
                .output("s")
                .build();
        assertEquals(Map.of(), suggest(new AnchorBufferPattern(), g));
    }
}
