package dev.modelcost.cli;

/** The documented exit codes of every modelcost command. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USAGE = 2;
    public static final int UNSUPPORTED = 3;
    public static final int MALFORMED = 4;
    /** A --fail-on / --max-* threshold was crossed; the report was still printed. */
    public static final int THRESHOLD = 5;

    public static final String HELP = "%nExit codes:%n"
            + "  0  report produced (diagnostics allowed)%n"
            + "  1  internal error%n"
            + "  2  usage error%n"
            + "  3  valid but unsupported model%n"
            + "  4  malformed or unreadable file (a URL: also the server failing, a limit or a timeout)%n"
            + "  5  a --fail-on or --max-* threshold was crossed (the report is still printed)%n";

    private ExitCodes() {}
}
