package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;

import java.util.Locale;

/**
 * How the layer tables (text, Markdown, HTML) write a row's figures. Unknown is never a number: an unknown figure is
 * "?" in a row ("unknown" in the total row), a partial one "≥ N"; a share of a total that is a lower bound is an
 * upper bound, "≤ x%". Parameters another row counts (shared) follow the counted ones as "+N*".
 */
final class LayerCells {
    static final LayerCells TEXT = new LayerCells(true, "?", ">= ", "<= ");
    static final LayerCells TEXT_TOTAL = new LayerCells(false, "unknown", ">= ", "<= ");
    static final LayerCells RICH = new LayerCells(false, "?", "≥ ", "≤ ");
    static final LayerCells RICH_TOTAL = new LayerCells(false, "unknown", "≥ ", "≤ ");

    /** The footnote to the "+N*" mark, for the tables that show one. */
    static final String SHARED_NOTE = "+N*: parameters the layer uses that another row counts (a tensor several "
            + "layers use is counted once, at the first, in Params, its role's column and the totals).";

    private final boolean blankZeros;
    private final String unknown;
    private final String atLeast;
    private final String atMost;

    private LayerCells(boolean blankZeros, String unknown, String atLeast, String atMost) {
        this.blankZeros = blankZeros;
        this.unknown = unknown;
        this.atLeast = atLeast;
        this.atMost = atMost;
    }

    String activations(LayerTable.Row row) {
        return row.activationsComplete() ? number(row.activationElements()) : bound(row.activationElements());
    }

    String parameters(LayerTable.Row row) {
        return withShared(row.parameters(), row.sharedParameters());
    }

    String role(LayerTable.Row row, TensorRole role) {
        return withShared(row.role(role), row.sharedRole(role));
    }

    String macs(LayerTable.Row row) {
        if (row.isInput()) {
            return "";
        }
        if (row.macs() == null) {
            return unknown;
        }
        return row.macsLowerBound() ? bound(row.macs()) : number(row.macs());
    }

    String activationShare(LayerTable.Row row, LayerTable.Row total) {
        return share(
                row.activationElements(),
                row.activationsComplete(),
                total.activationElements(),
                total.activationsComplete());
    }

    String parameterShare(LayerTable.Row row, LayerTable.Row total) {
        return share(row.parameters(), true, total.parameters(), true);
    }

    String macsShare(LayerTable.Row row, LayerTable.Row total) {
        if (row.isInput()) {
            return "";
        }
        if (row.macs() == null) {
            return unknown;
        }
        return share(row.macs(), !row.macsLowerBound(), total.macs(), !total.macsLowerBound());
    }

    /**
     * A row's share of a total, to 0.1%. A part that is a lower bound tells nothing against a total that is one too;
     * against a lower-bound total a known part's share is at most part / total, so it is rounded up.
     */
    private String share(long part, boolean partComplete, long whole, boolean wholeComplete) {
        if (!partComplete) {
            return unknown;
        }
        if (part == 0) {
            return "";
        }
        if (whole <= 0) {
            return unknown;
        }
        double percent = 100.0 * part / whole;
        if (!wholeComplete) {
            return atMost + String.format(Locale.ROOT, "%.1f%%", Math.ceil(percent * 10) / 10);
        }
        return percent < 0.05 ? "<0.1%" : String.format(Locale.ROOT, "%.1f%%", percent);
    }

    private String bound(long value) {
        return value == 0 ? unknown : atLeast + n(value);
    }

    private String number(long v) {
        return v == 0 && blankZeros ? "" : n(v);
    }

    /** The counted figure, then "+N*" for the shared ones (alone where nothing is counted here). */
    private String withShared(long counted, long shared) {
        if (shared == 0) {
            return number(counted);
        }
        String mark = "+" + n(shared) + "*";
        return counted == 0 ? mark : n(counted) + " " + mark;
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
