package dev.modelcost.cli.format;

import picocli.CommandLine.Option;

import java.util.OptionalInt;

/**
 * The output option every command shares, as a picocli mixin ({@code @Mixin FormatOptions format}):
 * {@code --format}; with {@link TopOptions} ({@code --top N} / {@code --top-by}, {@code --depth N}, {@code --all-nodes},
 * offered only by the commands that print a layer table) combined through {@link #withTop}.
 */
public final class FormatOptions {

    /** Which layers {@code --top} keeps. */
    public enum TopBy {
        params,
        macs,
        activations
    }

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); "
                    + "not every command offers every format")
    OutputFormat format = OutputFormat.text;

    Integer top;

    TopBy topBy = TopBy.params;

    boolean allNodes;

    Integer depth;

    public FormatOptions() {}

    public FormatOptions(OutputFormat format, Integer top, TopBy topBy) {
        this.format = format;
        this.top = top;
        this.topBy = topBy;
    }

    public static FormatOptions of(OutputFormat format) {
        return new FormatOptions(format, null, TopBy.params);
    }

    public OutputFormat format() {
        return format;
    }

    /** These options with the layer-table choices of {@code top}. */
    public FormatOptions withTop(TopOptions top) {
        FormatOptions o = new FormatOptions(format, top.top, top.topBy);
        o.allNodes = top.allNodes;
        o.depth = top.depth;
        return o;
    }

    /** --all-nodes: list the no-op views of stored tensors too. */
    public boolean allNodes() {
        return allNodes;
    }

    /** The --top value, or empty for all layers. */
    public OptionalInt top() {
        return top == null ? OptionalInt.empty() : OptionalInt.of(top);
    }

    /** --depth N: group the table's rows by module path N levels deep; empty for one row per layer. */
    public OptionalInt depth() {
        return depth == null ? OptionalInt.empty() : OptionalInt.of(depth);
    }

    public TopBy topBy() {
        return topBy;
    }
}
