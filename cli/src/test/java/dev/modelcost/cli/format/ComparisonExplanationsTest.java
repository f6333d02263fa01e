package dev.modelcost.cli.format;

import dev.modelcost.core.compare.LayerMatch;
import dev.modelcost.core.compare.LayerMatch.ChangedPair;
import dev.modelcost.core.compare.LayerMatch.FamilyCount;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sentence that says how two reports' layers matched, from the typed match the comparison computed. */
class ComparisonExplanationsTest {
    private static final String BY_POSITION =
            "no layer name is shared, so layers with parameters are matched by schedule position and op family: ";
    private static final List<FamilyCount> CONV_DENSE =
            List.of(new FamilyCount("conv", 1), new FamilyCount("dense", 1));

    @Test
    void pairsThatAgreeAreSaidToAgree() {
        assertEquals(
                Optional.of(BY_POSITION + "2 pairs (conv x1, dense x1), each with the same parameters and MACs"),
                ComparisonExplanations.layers(new LayerMatch.ByPosition(CONV_DENSE, 2, List.of())));
    }

    @Test
    void aPairThatDiffersIsNamedWithItsDeltas() {
        assertEquals(
                Optional.of(
                        BY_POSITION
                                + "2 pairs (conv x1, dense x1); 1 pairs differ, first: /fc/Gemm ~ dense parameters +10, MACs -5"),
                ComparisonExplanations.layers(new LayerMatch.ByPosition(
                        CONV_DENSE, 2, List.of(new ChangedPair("/fc/Gemm", "dense", 10, -5)))));
    }

    @Test
    void unmatchedLayersSayWhy() {
        assertEquals(
                Optional.of(BY_POSITION + "not matched, A has 2 such layers (conv x1, dense x1), B has 1 (conv x1)"),
                ComparisonExplanations.layers(
                        new LayerMatch.CountsDiffer(2, CONV_DENSE, 1, List.of(new FamilyCount("conv", 1)))));
        assertEquals(
                Optional.of(BY_POSITION
                        + "not matched, position 1 of 2 is conv in A (/conv/Conv, Conv) and dense in B (d0, Dense)"),
                ComparisonExplanations.layers(
                        new LayerMatch.FamiliesDiffer(1, 2, "conv", "/conv/Conv", "Conv", "dense", "d0", "Dense")));
    }

    @Test
    void byNameListsWhatIsOnOneSideAndTheLargestChangesFirst() {
        LayerMatch m = new LayerMatch.ByName(
                5,
                List.of("a1", "a2", "a3", "a4"),
                List.of("b1"),
                List.of(new ChangedPair("y", "y", 18, 16), new ChangedPair("z", "z", -1, 0)));
        assertEquals(
                Optional.of("layers matched by name: 5; only in A: 4 (a1, a2, a3, ...); only in B: 1 (b1); "
                        + "changed: 2, most: y parameters +18, MACs +16; z parameters -1, MACs 0"),
                ComparisonExplanations.layers(m));
        assertEquals(Optional.empty(), ComparisonExplanations.layers(new LayerMatch.NothingToSay()));
    }
}
