package dev.modelcost.cli.format;

import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names from a model file are data: no format lets them break out of a cell, a string or an element. */
class FormatterEscapingTest {
    private static final String SCRIPT = "</script><script>alert(1)</script>";
    private static final String CSV_NASTY = "a,b \"q\"";

    private static String write(Formatter<Report> f, Report r) {
        StringWriter s = new StringWriter();
        f.write(r, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void htmlEscapesNamesInTheTableAndInTheEmbeddedJson() {
        String html = write(
                new HtmlReportFormatter(FormatOptions.of(OutputFormat.html)), TinyReports.withNames(SCRIPT, "b&c"));
        assertFalse(html.contains("<script>alert(1)"), "no injected element");
        assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"), "table cell escaped");
        assertTrue(html.contains("\\u003c/script>\\u003cscript>alert(1)"), "embedded JSON escaped");
        assertTrue(html.contains("b&amp;c"));
        assertEquals(2, html.split("<script", -1).length - 1, "exactly the data and the code script elements");
    }

    @Test
    void csvQuotesFieldsPerRfc4180() {
        String csv = write(
                new CsvReportFormatter(FormatOptions.of(OutputFormat.csv)), TinyReports.withNames(CSV_NASTY, "plain"));
        // RFC 4180 §2.6-2.7: a field with a comma or quote is enclosed in quotes and its quotes are doubled.
        assertTrue(csv.contains("\r\n\"a,b \"\"q\"\"\",Gemm,\"[1, 10]\",fp32,10,110,100,10,0,0,0,0,0,100\r\n"), csv);
    }

    @Test
    void markdownEscapesPipesSoTheTableKeepsItsColumns() {
        String md = write(
                new MarkdownReportFormatter(FormatOptions.of(OutputFormat.markdown)),
                TinyReports.withNames("a|b", "c"));
        assertTrue(md.contains("| a\\|b | Gemm |"), md);
    }

    @Test
    void jsonlStaysOnOneLineWhateverTheNames() {
        String line = write(new JsonReportFormatter(true), TinyReports.withNames("line\nbreak", "tab\there"));
        assertEquals(1, line.strip().lines().count(), line);
    }

    @Test
    void topKeepsTheLargestAndTheOtherRowHoldsTheRest() {
        LayerTable t = LayerTable.of(
                TinyReports.withNames("big", "small"),
                new FormatOptions(OutputFormat.text, 1, FormatOptions.TopBy.params));
        assertEquals(1, t.hiddenLayers());
        // input row, "big", then "(other 1 layers)"
        assertEquals(3, t.rows().size());
        assertEquals("big", t.rows().get(1).name());
        assertEquals(110, t.total().parameters());
    }
}
