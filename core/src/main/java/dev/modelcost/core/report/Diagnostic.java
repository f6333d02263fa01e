package dev.modelcost.core.report;

/** Something the report cannot state exactly, or something the user should know. */
public record Diagnostic(Severity severity, String message) {
    public enum Severity {
        INFO,
        WARNING,
        ERROR
    }

    public static Diagnostic info(String message) {
        return new Diagnostic(Severity.INFO, message);
    }

    public static Diagnostic warning(String message) {
        return new Diagnostic(Severity.WARNING, message);
    }

    /** The model is incomplete: a report is still produced, but it cannot run as it is (a missing data file). */
    public static Diagnostic error(String message) {
        return new Diagnostic(Severity.ERROR, message);
    }
}
