package dev.modelcost.cli.format;

import dev.modelcost.core.report.Report;

import java.io.PrintWriter;

/**
 * One CSV record per table row: the model inputs, the layers in schedule order (or the --top ones and an
 * "other" row), no totals: a spreadsheet sums the columns to the JSON totals. Plain integers, no separators.
 */
public final class CsvReportFormatter implements ReportFormatter {
    static final String[] HEADER = {
        "layer",
        "op",
        "output_shape",
        "dtype",
        "activation_elements",
        "parameters",
        "weights",
        "biases",
        "other_parameters",
        "macs"
    };

    private final FormatOptions options;

    public CsvReportFormatter(FormatOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report r, PrintWriter out) {
        Csv.record(out, HEADER);
        for (LayerTable.Row row : LayerTable.of(r, options).rows()) {
            Csv.record(
                    out,
                    row.name(),
                    row.op(),
                    row.shape(),
                    row.dtype(),
                    Long.toString(row.activationElements()),
                    Long.toString(row.parameters()),
                    Long.toString(row.weights()),
                    Long.toString(row.biases()),
                    Long.toString(row.otherParameters()),
                    row.macs() == null ? "" : Long.toString(row.macs()));
        }
        out.flush();
    }
}
