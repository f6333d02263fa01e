package dev.modelcost.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point: builds the command line, maps errors to exit codes, exits. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting (for tests and embedding). */
    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        boolean[] stacktrace = {false};
        CommandLine cl = new CommandLine(new ModelcostCommand());
        // Reports carry names and text from the model file: no escape sequence in them reaches the terminal.
        PrintWriter safeOut = new PrintWriter(new TerminalSafeWriter(out), true);
        cl.setOut(safeOut);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            stacktrace[0] = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--stacktrace"));
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                safeOut.flush();
            }
        });
        cl.setExecutionExceptionHandler(new ErrorHandler(stacktrace));
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine()
                    .getErr()
                    .println("modelcost: " + TerminalSafeWriter.escapeLine(String.valueOf(ex.getMessage())));
            ex.getCommandLine()
                    .getErr()
                    .println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
