package dev.modelcost.cli;

import dev.modelcost.core.analysis.UnknownDimensionException;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.UnsupportedModelException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Maps exceptions to one line on stderr and a documented exit code; the stack trace only with --stacktrace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final boolean[] stacktrace;

    ErrorHandler(boolean[] stacktrace) {
        this.stacktrace = stacktrace;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        var err = cmd.getErr();
        int code;
        String message;
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof UnknownDimensionException u) {
            code = ExitCodes.USAGE;
            message = u.getMessage();
        } else if (cause instanceof MalformedModelException m) {
            code = ExitCodes.MALFORMED;
            message = m.getMessage();
        } else if (cause instanceof UnsupportedModelException u) {
            code = ExitCodes.UNSUPPORTED;
            message = u.getMessage();
        } else if (cause instanceof NoSuchFileException n) {
            code = ExitCodes.MALFORMED;
            message = n.getFile() + ": no such file";
        } else if (cause instanceof AccessDeniedException a) {
            code = ExitCodes.MALFORMED;
            message = a.getFile() + ": permission denied";
        } else if (cause instanceof IOException io) {
            code = ExitCodes.MALFORMED;
            message = "cannot read: " + io.getMessage();
        } else if (cause instanceof OutOfMemoryError || cause instanceof StackOverflowError) {
            code = ExitCodes.MALFORMED;
            message = "the file exceeds modelcost's resource limits ("
                    + cause.getClass().getSimpleName() + ")";
        } else {
            code = ExitCodes.INTERNAL_ERROR;
            message = "internal error: " + cause + " (please report it; run with --stacktrace for details)";
        }
        // One line, whatever the file put into the message (names, paths): newlines and control characters escaped.
        err.println("modelcost: " + TerminalSafeWriter.escapeLine(message));
        if (stacktrace[0]) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
