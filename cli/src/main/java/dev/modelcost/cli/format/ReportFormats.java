package dev.modelcost.cli.format;

import dev.modelcost.core.report.Report;

/** Every format a single report can be written in: the registry `inspect` uses, and any command that prints reports. */
public final class ReportFormats {
    public static final Formatters<Report> ALL = Formatters.<Report>builder()
            .add(OutputFormat.text, TextReportFormatter::new)
            .add(OutputFormat.json, o -> new JsonReportFormatter(false, o.depth()))
            .add(OutputFormat.jsonl, o -> new JsonReportFormatter(true, o.depth()))
            .add(OutputFormat.csv, CsvReportFormatter::new)
            .add(OutputFormat.markdown, MarkdownReportFormatter::new)
            .add(OutputFormat.html, HtmlReportFormatter::new)
            .build();

    private ReportFormats() {}
}
