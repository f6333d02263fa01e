package dev.modelcost.cli.format;

import dev.modelcost.core.report.Report;

import java.io.PrintWriter;

/** Turns a report into text for one output format. Formatters print; they never compute a number. */
public interface ReportFormatter extends Formatter<Report> {
    @Override
    void write(Report report, PrintWriter out);
}
