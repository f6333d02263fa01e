package dev.modelcost.core.compare;

import java.util.List;

/**
 * How the layers of two reports were matched and what differs between matched layers. Layers are matched by name
 * (an export of the same model keeps them); when no name is shared, the layers that hold parameters are matched by
 * schedule position and {@link OpFamily} ({@link LayerAlignment}).
 */
public sealed interface LayerMatch {

    /** A pair of matched layers whose parameters or MACs differ (unknown MACs count as 0). */
    record ChangedPair(String nameA, String nameB, long parameterDelta, long macDelta) {}

    /** How many layers of one op family a side has, in order of first appearance. */
    record FamilyCount(String family, int layers) {}

    /** Nothing to report: every layer matched by name with the same figures, or no layer holds parameters. */
    record NothingToSay() implements LayerMatch {}

    /**
     * Matched by name.
     *
     * @param changed the pairs that differ, the largest |parameter delta| + |MAC delta| first
     */
    record ByName(int matched, List<String> onlyInA, List<String> onlyInB, List<ChangedPair> changed)
            implements LayerMatch {
        public ByName {
            onlyInA = List.copyOf(onlyInA);
            onlyInB = List.copyOf(onlyInB);
            changed = List.copyOf(changed);
        }
    }

    /**
     * Matched by position: every pair is of the same family.
     *
     * @param changed the pairs that differ, in schedule order
     */
    record ByPosition(List<FamilyCount> families, int pairs, List<ChangedPair> changed) implements LayerMatch {
        public ByPosition {
            families = List.copyOf(families);
            changed = List.copyOf(changed);
        }
    }

    /** Not matched by position: the sides hold different numbers of layers with parameters. */
    record CountsDiffer(int layersA, List<FamilyCount> familiesA, int layersB, List<FamilyCount> familiesB)
            implements LayerMatch {
        public CountsDiffer {
            familiesA = List.copyOf(familiesA);
            familiesB = List.copyOf(familiesB);
        }
    }

    /** Not matched by position: the layers at {@code position} (1-based, of {@code pairs}) are of different families. */
    record FamiliesDiffer(
            int position, int pairs, String familyA, String nameA, String opA, String familyB, String nameB, String opB)
            implements LayerMatch {}
}
