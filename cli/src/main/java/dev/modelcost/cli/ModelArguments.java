package dev.modelcost.cli;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.report.FetchSummary;
import dev.modelcost.core.report.Report;
import dev.modelcost.source.http.FetchStatistics;
import dev.modelcost.source.http.HttpRangeSource;
import dev.modelcost.source.http.HttpSourceOptions;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a command's model argument names: a local path, or an http(s) URL read by range requests (the model is then
 * inspected through an {@link HttpRangeSource}, and its report carries what the read fetched).
 */
final class ModelArguments {
    private ModelArguments() {}

    static Report inspect(
            ModelCost modelcost,
            String argument,
            Assumptions assumptions,
            RemoteOptions remote,
            CommandLine.Model.CommandSpec spec)
            throws IOException {
        if (HttpRangeSource.isUrl(argument)) {
            return inspectUrl(modelcost, argument, assumptions, remote.toOptions(spec));
        }
        return modelcost.inspect(path(argument, spec), assumptions);
    }

    static Report inspectUrl(ModelCost modelcost, String url, Assumptions assumptions, HttpSourceOptions options)
            throws IOException {
        try (HttpRangeSource source = HttpRangeSource.open(url, options)) {
            Report report = modelcost.inspect(source, assumptions);
            FetchStatistics fetched = source.statistics();
            return report.withFetch(new FetchSummary(fetched.requests(), fetched.bytes()));
        }
    }

    /**
     * For the commands whose output has no diagnostics (explain, compare): what a remote read fetched, one line on
     * stderr. Nothing for a local file.
     */
    static void noteFetch(Report report, CommandLine.Model.CommandSpec spec) {
        FetchSummary f = report.model().fetch();
        if (f != null) {
            spec.commandLine()
                    .getErr()
                    .println(TerminalSafeWriter.escapeLine("modelcost: "
                            + report.model().path()
                            + ": read over HTTP: "
                            + String.format(
                                    Locale.ROOT, "%,d bytes fetched in %,d requests", f.bytes(), f.requests())));
            spec.commandLine().getErr().flush();
        }
    }

    /** The URL as messages show it (no query: it may hold a token). */
    static String shownUrl(String url) {
        return HttpRangeSource.shownLocation(url);
    }

    private static Path path(String argument, CommandLine.Model.CommandSpec spec) {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "not a usable path: " + e.getReason());
        }
    }
}
