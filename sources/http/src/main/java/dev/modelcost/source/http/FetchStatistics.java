package dev.modelcost.source.http;

/**
 * What a remote read cost: the HTTP requests sent (redirects included) and the body bytes received (bytes a
 * server without range support streamed before the wanted ones included).
 */
public record FetchStatistics(long requests, long bytes) {}
