package dev.modelcost.core.ops.rules;

import dev.modelcost.core.analysis.InferredTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** PyTorch's F.pad pads: constants reshaped to [-1, 2], reversed by Slice with step -1, transposed, flattened. */
class ConstantFoldingTest {

    @Test
    void twoDimensionalSliceWithNegativeStepAndTransposeKeepValuesKnown() {
        // [[0, 0], [0, 64]] -> Slice(axis 0, start -1, end -big, step -1) -> [[0, 64], [0, 0]]
        //                   -> Transpose -> [[0, 0], [64, 0]] -> flattened [0, 0, 64, 0]
        InferredTypes t = new Nodes(13)
                .ints("p", new long[] {2, 2}, 0, 0, 0, 64)
                .vector("s", -1)
                .vector("e", Long.MIN_VALUE + 1)
                .vector("ax", 0)
                .vector("st", -1)
                .node("Slice", List.of("p", "s", "e", "ax", "st"), "rev")
                .node("Transpose", List.of("rev"), "tr", Map.of("perm", Nodes.is(1, 0)))
                .output("tr")
                .infer();
        assertArrayEquals(
                new long[] {0, 64, 0, 0}, t.valuesOf("rev").orElseThrow().longs());
        assertArrayEquals(
                new long[] {0, 0, 64, 0}, t.valuesOf("tr").orElseThrow().longs());
    }
}
