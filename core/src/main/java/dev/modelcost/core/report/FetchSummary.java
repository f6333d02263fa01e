package dev.modelcost.core.report;

/**
 * What reading a model from a server cost: the requests sent (redirects included) and the body bytes received,
 * for the whole run (import and analysis, the model's file and the files it names). Absent for a local file.
 */
public record FetchSummary(long requests, long bytes) {}
