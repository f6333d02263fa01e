package dev.modelcost.core.report;

/** Something the report cannot state exactly, or something the user should know. */
public record Diagnostic(Severity severity, String message) {
    public enum Severity { INFO, WARNING, ERROR }

    public static Diagnostic info(String message) { return new Diagnostic(Severity.INFO, message); }

    public static Diagnostic warning(String message) { return new Diagnostic(Severity.WARNING, message); }
}
