package dev.modelcost.core.report;

/**
 * One mechanism of a runtime and what it adds to the predicted peak (negative where it saves memory). The key is
 * stable (JSON, tests); the words for it are the formatter's.
 *
 * @param key   the mechanism, e.g. {@code "convolutionOutputCopy"}
 * @param bytes what enabling it changes the peak by, with every term listed before it already enabled
 */
public record RuntimeTerm(String key, long bytes) {}
