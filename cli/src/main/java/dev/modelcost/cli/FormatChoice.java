package dev.modelcost.cli;

import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.cli.format.Formatter;
import dev.modelcost.cli.format.Formatters;
import picocli.CommandLine;

/** Picks a command's formatter for the user's --format, or raises the usage error (exit 2) naming what is offered. */
final class FormatChoice {
    private FormatChoice() {}

    static <T> Formatter<T> of(Formatters<T> formatters, FormatOptions options, CommandLine.Model.CommandSpec spec) {
        if (options.top().isPresent() && options.top().getAsInt() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must not be negative");
        }
        if (options.depth().isPresent() && options.depth().getAsInt() < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--depth must be 1 or more (1: one row per top-level module)");
        }
        return formatters
                .forOptions(options)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "'" + spec.name() + "' does not offer --format " + options.format() + " (offered: "
                                + formatters.formats() + ")"));
    }
}
