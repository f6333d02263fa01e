package dev.modelcost.cli;

import dev.modelcost.source.http.HttpSourceOptions;
import dev.modelcost.source.http.RequestHeader;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a command that can read a model from an http(s) URL (a picocli mixin): the fetch limit, the
 * timeouts, whether a server without range requests may be streamed. Extra request headers come from the
 * environment variable {@value #HEADER_VARIABLE} only, never from the command line (shell history, ps), and are
 * never printed.
 */
public final class RemoteOptions {
    static final String HEADER_VARIABLE = "MODELCOST_HTTP_HEADER";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(|k|m|g|t|kb|mb|gb|tb|kib|mib|gib|tib|b)");

    /** Where the headers are read from; tests put a map here instead of the process environment. */
    static UnaryOperator<String> environment = System::getenv;

    @Option(
            names = "--max-fetch",
            paramLabel = "SIZE",
            description = "for an http(s) URL: the most bytes all "
                    + "requests together may fetch, e.g. 64M (K, M, G: KiB, MiB, GiB; KB, MB, GB: decimal) "
                    + "(default: 16 MiB + 2%% of the file, at most 256 MiB)")
    String maxFetch;

    @Option(
            names = "--allow-download",
            description = "for an http(s) URL whose server ignores range requests: "
                    + "stream the file from its start instead of refusing (nothing is written to disk; the streamed bytes "
                    + "count against --max-fetch)")
    boolean allowDownload;

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "for an http(s) URL: the most time a connection may take (default: ${DEFAULT-VALUE})")
    double connectTimeoutSeconds;

    @Option(
            names = "--read-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "for an http(s) URL: the most time one request may take, its whole answer included "
                    + "(default: ${DEFAULT-VALUE})")
    double readTimeoutSeconds;

    /** The source options these flags describe, with the headers of the environment; a bad value is a usage error. */
    HttpSourceOptions toOptions(CommandLine.Model.CommandSpec spec) {
        HttpSourceOptions o = HttpSourceOptions.defaults()
                .withAllowDownload(allowDownload)
                .withTimeouts(
                        seconds(spec, "--connect-timeout", connectTimeoutSeconds),
                        seconds(spec, "--read-timeout", readTimeoutSeconds));
        if (maxFetch != null) {
            o = o.withMaxFetchBytes(parseSize(spec, maxFetch));
        }
        List<RequestHeader> headers;
        try {
            headers = RequestHeader.parseLines(environment.apply(HEADER_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), HEADER_VARIABLE + ": " + e.getMessage());
        }
        return o.withHeaders(headers);
    }

    static long parseSize(CommandLine.Model.CommandSpec spec, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--max-fetch takes a size such as 64M or 500000, not '" + text + "'");
        }
        long unit =
                switch (m.group(2)) {
                    case "k", "kib" -> 1L << 10;
                    case "m", "mib" -> 1L << 20;
                    case "g", "gib" -> 1L << 30;
                    case "t", "tib" -> 1L << 40;
                    case "kb" -> 1_000L;
                    case "mb" -> 1_000_000L;
                    case "gb" -> 1_000_000_000L;
                    case "tb" -> 1_000_000_000_000L;
                    default -> 1L;
                };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-fetch " + text + " is too large");
        }
    }

    private static Duration seconds(CommandLine.Model.CommandSpec spec, String option, double value) {
        if (!(value > 0) || value > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " takes seconds between 0 and 86400");
        }
        return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
    }
}
