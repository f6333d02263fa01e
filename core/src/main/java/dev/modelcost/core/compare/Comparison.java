package dev.modelcost.core.compare;

import dev.modelcost.core.report.Report;

import java.util.List;

/**
 * Two reports side by side: one {@link Line} per quantity (same definitions as the reports), the nodes per op type
 * and how the layers matched. Built by {@link ReportComparison}; formatters word and print it.
 */
public record Comparison(Report a, Report b, List<Line> lines, List<OpCount> opCounts, LayerMatch layers) {
    public Comparison {
        lines = List.copyOf(lines);
        opCounts = List.copyOf(opCounts);
    }

    /** Nodes of one op type in each report. */
    public record OpCount(String op, long a, long b) {
        public boolean differs() {
            return a != b;
        }
    }

    /** The sections a line belongs to, in printing order. */
    public enum Section {
        PARAMETERS,
        COMPUTE,
        ACTIVATIONS,
        GRAPH,
        FILE
    }

    /** Where a line sits: a quantity of its own, or a part of the whole above it broken down one way. */
    public enum Part {
        WHOLE,
        BY_ROLE,
        BY_DTYPE,
        BY_CATEGORY
    }

    /**
     * One quantity in both models. {@code aLowerBound}/{@code bLowerBound}: that side is a lower bound
     * (something unknown), so the difference is not exact. {@code part}: whether it breaks down the line above.
     */
    public record Line(
            Section section,
            Part part,
            String quantity,
            String unit,
            long a,
            long b,
            boolean aLowerBound,
            boolean bLowerBound) {
        /** A whole quantity, not a part of another. */
        public Line(
                Section section,
                String quantity,
                String unit,
                long a,
                long b,
                boolean aLowerBound,
                boolean bLowerBound) {
            this(section, Part.WHOLE, quantity, unit, a, b, aLowerBound, bLowerBound);
        }

        /** b − a. */
        public long delta() {
            return Math.subtractExact(b, a);
        }

        public boolean differs() {
            return a != b;
        }

        public boolean exact() {
            return !aLowerBound && !bLowerBound;
        }
    }
}
