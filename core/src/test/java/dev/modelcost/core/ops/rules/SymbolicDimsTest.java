package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.DimArithmetic;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Symbolic dimensions carried through arithmetic and shape computations; --dim fixes them. */
class SymbolicDimsTest {
    private static final Dim SEQ = Dim.symbol("seq");

    /** x: [1, seq, 8] (the leading dim is the batch, taken as 1). */
    private static Nodes withSequenceInput() {
        Nodes n = new Nodes(13);
        n.inputs.add(new ValueInfo("x", new TensorType(DType.FLOAT32, Shape.of(List.of(Dim.of(1), SEQ, Dim.of(8))))));
        return n;
    }

    @Test
    void polynomialsPrintAndCancel() {
        Dim twoSeqPlusOne = DimArithmetic.add(DimArithmetic.mul(Dim.of(2), SEQ), Dim.of(1));
        assertEquals("2*seq + 1", twoSeqPlusOne.toString());
        assertEquals(SEQ, DimArithmetic.divExact(DimArithmetic.sub(twoSeqPlusOne, Dim.of(1)), Dim.of(2)));
        assertEquals(Dim.of(9), DimArithmetic.substitute(twoSeqPlusOne, Map.of("seq", 4L)));
        assertEquals(Dim.UNKNOWN, DimArithmetic.divExact(twoSeqPlusOne, Dim.of(2)));
    }

    @Test
    void concatenatingAlongASymbolicAxisAddsTheDims() {
        var t = withSequenceInput()
                .node("Concat", List.of("x", "x", "x"), "y", Map.of("axis", Nodes.i(1)))
                .output("y")
                .infer();
        assertEquals("[1, 3*seq, 8]", t.typeOf("y").shape().toString());
    }

    @Test
    void reshapeThroughShapeArithmeticKeepsTheSymbol() {
        // x.view(b, seq * 2, 4): Shape -> Gather seq -> Mul 2 -> Concat -> Reshape.
        var t = withSequenceInput()
                .scalar("one", 1)
                .vector("two", 2)
                .vector("four", 4)
                .vector("b", 1)
                .node("Shape", List.of("x"), "s")
                .node("Gather", List.of("s", "one"), "seq")
                .node("Unsqueeze", List.of("seq", "zero"), "seq1", Map.of())
                .vector("zero", 0)
                .node("Mul", List.of("seq1", "two"), "seq2")
                .node("Concat", List.of("b", "seq2", "four"), "target", Map.of("axis", Nodes.i(0)))
                .node("Reshape", List.of("x", "target"), "y")
                .output("y")
                .infer();
        assertEquals("[1, 2*seq, 4]", t.typeOf("y").shape().toString());
    }

    @Test
    void reshapeMinusOneDividesTheSymbolicVolume() {
        // [1, seq, 8] reshaped to [0, -1, 2]: the -1 is seq*8/2 = 4*seq.
        var t = withSequenceInput()
                .vector("target", 0, -1, 2)
                .node("Reshape", List.of("x", "target"), "y")
                .output("y")
                .infer();
        assertEquals("[1, 4*seq, 2]", t.typeOf("y").shape().toString());
    }

    @Test
    void dimValuesFixTheSymbols() {
        var g = withSequenceInput()
                .node("Concat", List.of("x", "x"), "y", Map.of("axis", Nodes.i(1)))
                .output("y")
                .graph("g");
        var t = ShapeInference.run(g, new Assumptions(1, Map.of("seq", 5L), null), OpRegistry.standard());
        assertEquals(Shape.of(1, 10, 8), t.typeOf("y").shape());
    }

    @Test
    void stridedOneConvolutionKeepsSymbolicLengthExact() {
        // Conv1d, kernel 3, no padding, stride 1: seq - 2.
        Nodes n = new Nodes(13);
        n.inputs.add(new ValueInfo("x", new TensorType(DType.FLOAT32, Shape.of(List.of(Dim.of(1), Dim.of(8), SEQ)))));
        var t = n.weight("w", 16, 8, 3)
                .node("Conv", List.of("x", "w"), "y")
                .output("y")
                .infer();
        assertEquals("[1, 16, seq - 2]", t.typeOf("y").shape().toString());
    }
}
