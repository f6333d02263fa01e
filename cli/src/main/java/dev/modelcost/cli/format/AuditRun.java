package dev.modelcost.cli.format;

import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.Report;

import java.util.List;
import java.util.Locale;

/**
 * What `audit` found under one folder: one entry per model file, in path order. An entry holds the report,
 * or the error that stopped that file; a failed file never stops the run. {@code skippedFiles} counts the other
 * regular files, those no importer claims by content (a zip cut before its central directory is one of them).
 */
public record AuditRun(String dir, List<Entry> entries, long skippedFiles) {

    public AuditRun {
        entries = List.copyOf(entries);
    }

    /**
     * One model file. {@code path} is relative to the audited folder; {@code format} is the importer that claimed
     * the file by content (known even when reading it then failed); exactly one of {@code report} and {@code error}
     * is set.
     */
    public record Entry(String path, String format, Report report, String error) {
        /** Read (a report exists), though possibly incomplete. */
        public boolean ok() {
            return report != null;
        }

        /** failed: no report; incomplete: a report with an error diagnostic (a missing data file); else ok. */
        public Status status() {
            if (report == null) {
                return Status.FAILED;
            }
            return report.diagnostics().stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)
                    ? Status.INCOMPLETE
                    : Status.OK;
        }

        /** The error diagnostics of an incomplete file, joined. */
        public String problems() {
            return report == null
                    ? error
                    : String.join(
                            "; ",
                            report.diagnostics().stream()
                                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                                    .map(Diagnostic::message)
                                    .toList());
        }
    }

    /** A file's outcome as the formats print it. */
    public enum Status {
        OK,
        INCOMPLETE,
        FAILED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public long okCount() {
        return count(Status.OK);
    }

    public long incompleteCount() {
        return count(Status.INCOMPLETE);
    }

    public long failedCount() {
        return count(Status.FAILED);
    }

    public long count(Status s) {
        return entries.stream().filter(e -> e.status() == s).count();
    }

    public List<Entry> incomplete() {
        return entries.stream().filter(e -> e.status() == Status.INCOMPLETE).toList();
    }

    public List<Entry> failures() {
        return entries.stream().filter(e -> !e.ok()).toList();
    }
}
