package dev.modelcost.cli.format;

import picocli.CommandLine.Option;

/**
 * {@code --top N} / {@code --top-by} as a picocli mixin, for the commands that print a layer table only: a command
 * without one does not accept them, rather than ignoring them.
 */
public final class TopOptions {
    @Option(
            names = "--top",
            paramLabel = "N",
            description = "table shows only the N largest layers (by --top-by), in schedule order, "
                    + "and one \"other\" row that sums the rest; totals are unchanged (default: all layers)")
    Integer top;

    @Option(
            names = "--top-by",
            paramLabel = "KEY",
            defaultValue = "params",
            description = "what --top ranks layers by: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    FormatOptions.TopBy topBy = FormatOptions.TopBy.params;

    @Option(
            names = "--depth",
            paramLabel = "N",
            description = "group the table's rows by module path, split at '/' (/layer1/layer1.0/conv1/Conv, "
                    + "a nested Keras model's base/fn/c1): one row per module N levels deep with the sums of its "
                    + "layers and its last layer's output shape; layers with fewer levels stay rows of their own; "
                    + "JSON adds \"groups\"")
    Integer depth;

    @Option(
            names = "--all-nodes",
            description = "also list the nodes that only pass a stored tensor on (Identity or "
                    + "Reshape of a weight), whose tensors the table shows at the layers that use them")
    boolean allNodes;
}
