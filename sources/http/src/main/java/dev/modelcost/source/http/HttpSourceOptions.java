package dev.modelcost.source.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The limits and settings of a remote read. The byte budget covers every request of one read (the model and the
 * files it names beside it); the read timeout bounds each request as a whole (headers and body), so a server that
 * drips its answer cannot hold a read open past it.
 *
 * @param maxFetchBytes  the most bytes all requests together may receive; {@link #DEFAULT_BUDGET} for the
 *                       default, which is {@link #defaultBudgetBytes(long)} of the file's size
 * @param connectTimeout the most time a connection may take to open
 * @param readTimeout    the most time one request may take, from sending it to the last byte of its body
 * @param allowDownload  read a server that ignores Range by streaming the file from its start (nothing is written
 *                       to disk; the streamed bytes count against the budget)
 * @param headers        extra request headers (a private hub's Authorization), sent only to the URL's own origin
 * @param blockBytes     the unit of the cache and of every range request
 * @param cacheBytes     the most bytes the block cache keeps
 * @param maxRedirects   the most redirects one request may follow
 */
public record HttpSourceOptions(
        long maxFetchBytes,
        Duration connectTimeout,
        Duration readTimeout,
        boolean allowDownload,
        List<RequestHeader> headers,
        int blockBytes,
        long cacheBytes,
        int maxRedirects) {

    public static final long DEFAULT_BUDGET = -1;
    /** The fixed part of the default budget: small files are read whole, whatever their structure. */
    public static final long DEFAULT_BUDGET_BASE_BYTES = 16L << 20;

    public HttpSourceOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        headers = List.copyOf(headers);
        if (maxFetchBytes < 0 && maxFetchBytes != DEFAULT_BUDGET) {
            throw new IllegalArgumentException("maxFetchBytes must be >= 0");
        }
        if (blockBytes < 512 || cacheBytes < blockBytes || maxRedirects < 0) {
            throw new IllegalArgumentException("blockBytes >= 512, cacheBytes >= blockBytes, maxRedirects >= 0");
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** 10 s to connect, 60 s per request, 64 KiB blocks, a 4 MiB cache, 5 redirects, the default budget. */
    public static HttpSourceOptions defaults() {
        return new HttpSourceOptions(
                DEFAULT_BUDGET,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                false,
                List.of(),
                64 << 10,
                4L << 20,
                5);
    }

    /** The default budget's ceiling: the size is the server's word, so it cannot buy an unbounded budget. */
    public static final long DEFAULT_BUDGET_MAX_BYTES = 256L << 20;

    /**
     * 16 MiB plus 2% of the file, at most 256 MiB: well below the size of any large file, a small file read whole.
     */
    public static long defaultBudgetBytes(long fileBytes) {
        return Math.min(DEFAULT_BUDGET_MAX_BYTES, DEFAULT_BUDGET_BASE_BYTES + Math.max(0, fileBytes) / 50);
    }

    /** The budget that applies to a read that starts with a file of {@code fileBytes}. */
    public long budgetBytes(long fileBytes) {
        return maxFetchBytes == DEFAULT_BUDGET ? defaultBudgetBytes(fileBytes) : maxFetchBytes;
    }

    public HttpSourceOptions withMaxFetchBytes(long bytes) {
        return new HttpSourceOptions(
                bytes, connectTimeout, readTimeout, allowDownload, headers, blockBytes, cacheBytes, maxRedirects);
    }

    public HttpSourceOptions withTimeouts(Duration connect, Duration read) {
        return new HttpSourceOptions(
                maxFetchBytes, connect, read, allowDownload, headers, blockBytes, cacheBytes, maxRedirects);
    }

    public HttpSourceOptions withAllowDownload(boolean allow) {
        return new HttpSourceOptions(
                maxFetchBytes, connectTimeout, readTimeout, allow, headers, blockBytes, cacheBytes, maxRedirects);
    }

    public HttpSourceOptions withHeaders(List<RequestHeader> extraHeaders) {
        return new HttpSourceOptions(
                maxFetchBytes,
                connectTimeout,
                readTimeout,
                allowDownload,
                extraHeaders,
                blockBytes,
                cacheBytes,
                maxRedirects);
    }

    public HttpSourceOptions withBlocks(int blockSizeBytes, long cacheSizeBytes) {
        return new HttpSourceOptions(
                maxFetchBytes,
                connectTimeout,
                readTimeout,
                allowDownload,
                headers,
                blockSizeBytes,
                cacheSizeBytes,
                maxRedirects);
    }

    /** Header values are secrets (tokens): only their names are shown. */
    @Override
    public String toString() {
        return "HttpSourceOptions[maxFetchBytes=" + (maxFetchBytes == DEFAULT_BUDGET ? "default" : maxFetchBytes)
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", allowDownload="
                + allowDownload + ", headers=" + headers + ", blockBytes=" + blockBytes + ", cacheBytes="
                + cacheBytes + ", maxRedirects=" + maxRedirects + "]";
    }
}
