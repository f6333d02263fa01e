package dev.modelcost.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal. Java 17 only tells whether the process has a console
 * (stdin and stdout both terminals), so where /proc is present (Linux) this reads where file descriptor 2
 * points; elsewhere it falls back to {@code System.console() != null}.
 */
final class StderrTerminal {
    private StderrTerminal() {}

    static boolean isTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (Exception e) {
            // unreadable: fall through to the console test
        }
        return System.console() != null;
    }
}
