package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One CSV record per table row: the model inputs, the layers in schedule order (their {@code --depth} groups, or the
 * --top ones and an "other" row), no totals: a spreadsheet sums the columns to the JSON totals, role by role. Plain
 * integers, no separators; a figure that is not known exactly (an unknown shape's activations, unknown MACs) is
 * empty, never 0 or a lower bound.
 */
public final class CsvReportFormatter implements ReportFormatter {
    static final String[] HEADER = header();

    private final FormatOptions options;

    public CsvReportFormatter(FormatOptions options) {
        this.options = options;
    }

    private static String[] header() {
        List<String> h =
                new ArrayList<>(List.of("layer", "op", "output_shape", "dtype", "activation_elements", "parameters"));
        RoleWords.ORDER.forEach(role -> h.add(RoleWords.csv(role)));
        h.addAll(List.of("shared_parameters", "macs"));
        return h.toArray(String[]::new);
    }

    @Override
    public void write(Report r, PrintWriter out) {
        Csv.record(out, HEADER);
        for (LayerTable.Row row : LayerTable.of(r, options).rows()) {
            List<String> fields = new ArrayList<>(List.of(
                    row.name(),
                    row.op(),
                    row.shape(),
                    row.dtype(),
                    row.activationsComplete() ? Long.toString(row.activationElements()) : "",
                    Long.toString(row.parameters())));
            for (TensorRole role : RoleWords.ORDER) {
                fields.add(Long.toString(row.role(role)));
            }
            fields.add(Long.toString(row.sharedParameters()));
            fields.add(row.macs() == null || row.macsLowerBound() ? "" : Long.toString(row.macs()));
            Csv.record(out, fields.toArray(String[]::new));
        }
        out.flush();
    }
}
