package dev.modelcost.cli.format;

import java.io.PrintWriter;

/**
 * Writes one result of a command (a report, a comparison, ...) in one output format.
 * Formatters print what the result holds; they never compute a figure.
 */
@FunctionalInterface
public interface Formatter<T> {
    void write(T result, PrintWriter out);
}
