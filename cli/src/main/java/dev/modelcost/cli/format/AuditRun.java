package dev.modelcost.cli.format;

import dev.modelcost.core.report.Report;

import java.util.List;

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
        public boolean ok() { return report != null; }
    }

    public long okCount() { return entries.stream().filter(Entry::ok).count(); }

    public long failedCount() { return entries.size() - okCount(); }

    public List<Entry> failures() { return entries.stream().filter(e -> !e.ok()).toList(); }
}
