package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text report's layer table: per row its activations, parameters and MACs with their shares of the totals, the
 * parameters split by role in columns named as the summary line names the roles; then the total row (the report's
 * own totals, which the rows add up to) and the notes the marks need.
 */
final class TextLayerTable {
    private TextLayerTable() {}

    /** The table, a blank line, and a line for each mark the table uses. */
    static void print(Report r, FormatOptions options, PrintWriter out) {
        LayerTable lt = LayerTable.of(r, options);
        List<TensorRole> roles = RoleWords.inTable(r.parameters());
        List<String> headers = LayerTable.headers(roles);
        boolean[] right = new boolean[headers.size()];
        Arrays.fill(right, 3, right.length, true);
        Table t = new Table(headers.toArray(String[]::new), right);
        LayerTable.Row total = lt.total();
        for (LayerTable.Row row : lt.rows()) {
            t.row(cells(row, total, roles, LayerCells.TEXT, false));
        }
        t.rule();
        t.row(cells(total, total, roles, LayerCells.TEXT_TOTAL, true));
        t.print(out);
        out.println();
        if (lt.anyShared()) {
            out.println(LayerCells.SHARED_NOTE);
        }
        if (options.depth().isPresent()) {
            out.println(LayerGroups.note(options.depth().getAsInt(), lt.grouped()));
        }
    }

    private static String[] cells(
            LayerTable.Row row, LayerTable.Row total, List<TensorRole> roles, LayerCells c, boolean isTotal) {
        List<String> cells = new ArrayList<>(List.of(
                row.name(),
                row.op(),
                row.shape(),
                c.activations(row),
                isTotal ? "" : c.activationShare(row, total),
                c.parameters(row),
                isTotal ? "" : c.parameterShare(row, total)));
        roles.forEach(role -> cells.add(c.role(row, role)));
        cells.add(c.macs(row));
        cells.add(isTotal ? "" : c.macsShare(row, total));
        return cells.toArray(String[]::new);
    }
}
