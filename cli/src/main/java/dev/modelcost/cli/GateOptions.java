package dev.modelcost.cli;

import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.Report;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CI gates shared by inspect and audit (a picocli mixin): thresholds on a report that turn the exit code into
 * {@link ExitCodes#THRESHOLD} when crossed. The report is printed either way; each crossing is one stderr line.
 */
public final class GateOptions {
    enum FailOn {
        error,
        warning
    }

    @Option(
            names = "--fail-on",
            paramLabel = "error|warning",
            description =
                    "exit " + ExitCodes.THRESHOLD
                            + " when a model has a diagnostic of this severity or worse (a file that cannot be read counts as an error)")
    FailOn failOn;

    @Option(
            names = "--max-params",
            paramLabel = "N",
            description = "exit " + ExitCodes.THRESHOLD + " when a model has more than N parameters")
    Long maxParams;

    @Option(
            names = "--max-memory",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description = "exit "
                    + ExitCodes.THRESHOLD
                    + " when the memory to run (parameters + peak live activations for the batch; with "
                    + "--training the training peak) is above SIZE, e.g. 4GB, 512MiB")
    Long maxMemoryBytes;

    @Option(
            names = "--max-file-bytes",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description =
                    "exit " + ExitCodes.THRESHOLD + " when the model's bytes (with external data files) are above SIZE")
    Long maxFileBytes;

    /** The thresholds {@code r} crosses, one sentence each, naming the file. */
    List<String> crossedBy(Report r) {
        List<String> out = new ArrayList<>();
        String who = r.model().path() + ": ";
        if (failOn != null) {
            Diagnostic.Severity floor =
                    failOn == FailOn.error ? Diagnostic.Severity.ERROR : Diagnostic.Severity.WARNING;
            long n = r.diagnostics().stream()
                    .filter(d -> d.severity().compareTo(floor) >= 0)
                    .count();
            if (n > 0) {
                out.add(who + n + " diagnostic(s) of severity " + failOn + " or worse (--fail-on " + failOn + ")");
            }
        }
        if (maxParams != null && r.parameters().total() > maxParams) {
            out.add(who
                    + String.format(
                            Locale.ROOT,
                            "%,d parameters > --max-params %,d",
                            r.parameters().total(),
                            maxParams));
        }
        long memory = r.training() != null ? r.training().peakBytes() : r.memoryToRunBytes();
        if (maxMemoryBytes != null && memory > maxMemoryBytes) {
            out.add(who
                    + String.format(
                            Locale.ROOT,
                            "%s %,d bytes > --max-memory %,d bytes",
                            r.training() != null ? "training peak" : "memory to run",
                            memory,
                            maxMemoryBytes));
        }
        if (maxFileBytes != null && r.ledger().totalBytes() > maxFileBytes) {
            out.add(who
                    + String.format(
                            Locale.ROOT,
                            "%,d file bytes > --max-file-bytes %,d",
                            r.ledger().totalBytes(),
                            maxFileBytes));
        }
        return out;
    }

    /** A file that could not be read crosses --fail-on (either severity). */
    List<String> crossedByFailure(String path, String error) {
        return failOn == null ? List.of() : List.of(path + ": could not be read (--fail-on " + failOn + "): " + error);
    }

    /** Prints each crossing to {@code err} and returns the exit code: OK or THRESHOLD. */
    static int exitCode(List<String> crossings, PrintWriter err) {
        crossings.forEach(c -> err.println("modelcost: threshold crossed: " + c));
        err.flush();
        return crossings.isEmpty() ? ExitCodes.OK : ExitCodes.THRESHOLD;
    }
}
