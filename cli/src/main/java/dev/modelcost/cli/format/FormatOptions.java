package dev.modelcost.cli.format;

import picocli.CommandLine.Option;

/**
 * The output options every command shares, as a picocli mixin ({@code @Mixin FormatOptions format}):
 * {@code --format}, and {@code --top N} / {@code --top-by} for the layer tables.
 */
public final class FormatOptions {

    /** Which layers {@code --top} keeps. */
    public enum TopBy { params, macs, activations }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); "
                    + "not every command offers every format")
    OutputFormat format = OutputFormat.text;

    @Option(names = "--top", paramLabel = "N",
            description = "table shows only the N largest layers (by --top-by), in schedule order, "
                    + "and one \"other\" row that sums the rest; totals are unchanged (default: all layers)")
    Integer top;

    @Option(names = "--top-by", paramLabel = "KEY", defaultValue = "params",
            description = "what --top ranks layers by: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    TopBy topBy = TopBy.params;

    public FormatOptions() { }

    public FormatOptions(OutputFormat format, Integer top, TopBy topBy) {
        this.format = format;
        this.top = top;
        this.topBy = topBy;
    }

    public static FormatOptions of(OutputFormat format) { return new FormatOptions(format, null, TopBy.params); }

    public OutputFormat format() { return format; }

    /** The --top value, or empty for all layers. */
    public java.util.OptionalInt top() { return top == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(top); }

    public TopBy topBy() { return topBy; }
}
