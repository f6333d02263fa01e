package dev.modelcost.cli.format;

/** The output formats of every command; each command says which of them it offers (see {@link Formatters}). */
public enum OutputFormat {
    /** An aligned table for people, widths from the data. */
    text,
    /** The versioned JSON contract, indented. */
    json,
    /** The same JSON on one line: one object per line when several reports are streamed. */
    jsonl,
    /** RFC 4180 rows, one per layer (or per compared quantity), for spreadsheets. */
    csv,
    /** GitHub-flavoured Markdown tables, for pull requests and wikis. */
    markdown,
    /** One self-contained HTML page with charts; no network access. */
    html
}
