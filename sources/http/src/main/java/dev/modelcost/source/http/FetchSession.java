package dev.modelcost.source.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one remote read shares: the client, the limits, the statistics, and the origin that may receive the
 * extra headers. The model's file and the files it names beside it are read in one session, under one budget.
 */
final class FetchSession {

    /** The answer to one range request, redirects followed. */
    record Answer(URI finalUri, int status, long totalBytes, String etag, String lastModified, ByteBuffer body) {
        boolean partial() {
            return status == 206;
        }
    }

    private final HttpSourceOptions options;
    private final HttpClient client;
    private final String headerOrigin;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private volatile long budgetBytes = -1;

    FetchSession(URI origin, HttpSourceOptions options) {
        this.options = options;
        this.headerOrigin = Redirects.origin(origin);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .build();
    }

    HttpSourceOptions options() {
        return options;
    }

    FetchStatistics statistics() {
        return new FetchStatistics(requests.get(), receivedBytes.get());
    }

    /** The first file's size fixes the default budget for the whole session. */
    void fixBudget(long firstFileBytes) {
        if (budgetBytes < 0) {
            budgetBytes = options.budgetBytes(firstFileBytes);
        }
    }

    /**
     * Bytes {@code first..lastInclusive} of the file at {@code uri}. {@code knownTotalBytes} is -1 for a file's first
     * request; {@code allowWholeFile} lets a 200 stream the file up to the wanted bytes.
     */
    Answer fetch(String location, URI uri, long first, long lastInclusive, long knownTotalBytes, boolean allowWholeFile)
            throws HttpSourceException {
        long costBytes = allowWholeFile && knownTotalBytes >= 0 ? lastInclusive + 1 : lastInclusive - first + 1;
        Redirects redirects = new Redirects(location, uri, options.maxRedirects());
        while (true) {
            checkBudget(location, first, lastInclusive, costBytes);
            URI current = redirects.current();
            var handler = new RangeAnswerHandler(first, lastInclusive, knownTotalBytes, allowWholeFile, receivedBytes);
            requests.incrementAndGet();
            send(location, request(current, first, lastInclusive), handler);
            if (handler.failure() != null) {
                throw new HttpSourceException(location, handler.failure());
            }
            if (Redirects.isRedirect(handler.status())) {
                redirects.follow(handler.headers().firstValue("Location").orElse(null));
                continue;
            }
            checkStatus(location, handler.status(), knownTotalBytes, allowWholeFile);
            return new Answer(
                    current,
                    handler.status(),
                    handler.totalBytes(),
                    handler.headers().firstValue("ETag").orElse(null),
                    handler.headers().firstValue("Last-Modified").orElse(null),
                    handler.body());
        }
    }

    private static void checkStatus(String location, int status, long knownTotalBytes, boolean allowWholeFile)
            throws HttpSourceException {
        if (status == 206 || status == 416 || (status == 200 && allowWholeFile)) {
            return;
        }
        if (status == 200 && knownTotalBytes < 0) {
            throw new HttpSourceException(
                    location,
                    "the server does not support range requests (it answered"
                            + " with the whole file); --allow-download reads it anyway by streaming it");
        }
        if (status == 200) {
            throw new HttpSourceException(location, "answered a range request with the whole file (HTTP 200)");
        }
        String what =
                switch (status) {
                    case 401, 403 -> "access denied (HTTP " + status + "); a private hub needs MODELCOST_HTTP_HEADER";
                    case 404, 410 -> "not found (HTTP " + status + ")";
                    default -> "the server answered HTTP " + status;
                };
        throw new HttpStatusException(location, status, what);
    }

    private void checkBudget(String location, long first, long lastInclusive, long costBytes)
            throws HttpSourceException {
        long limit = budgetBytes < 0 ? options.budgetBytes(0) : budgetBytes;
        long fetched = receivedBytes.get();
        if (fetched + costBytes > limit) {
            throw new HttpSourceException(
                    location,
                    "reading bytes " + first + "-" + lastInclusive
                            + " would pass the fetch limit of " + limit + " bytes (" + fetched + " bytes fetched in "
                            + requests.get() + " requests so far; raise --max-fetch)");
        }
    }

    private HttpRequest request(URI uri, long first, long lastInclusive) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(options.readTimeout())
                .header("Range", "bytes=" + first + "-" + lastInclusive)
                .header("User-Agent", "modelcost");
        if (Redirects.origin(uri).equals(headerOrigin)) {
            // Credentials go to the origin the user named, never to the host a redirect leads to.
            for (RequestHeader h : options.headers()) {
                b.header(h.name(), h.value());
            }
        }
        return b.build();
    }

    private void send(String location, HttpRequest request, RangeAnswerHandler handler) throws HttpSourceException {
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(request, handler);
        long timeoutMillis = options.readTimeout().toMillis();
        try {
            answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handler.abort();
            answer.cancel(true);
            throw new HttpSourceException(
                    location, "no complete answer within " + seconds(timeoutMillis) + " (read timeout)");
        } catch (InterruptedException e) {
            handler.abort();
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new HttpSourceException(location, "interrupted");
        } catch (ExecutionException e) {
            handler.abort();
            throw translate(location, e.getCause());
        }
    }

    private HttpSourceException translate(String location, Throwable cause) {
        if (cause instanceof BoundedBodySubscriber.BodyException b) {
            return new HttpSourceException(location, b.getMessage());
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new HttpSourceException(
                    location,
                    "could not connect within "
                            + seconds(options.connectTimeout().toMillis()) + " (connect timeout)");
        }
        if (cause instanceof HttpTimeoutException) {
            return new HttpSourceException(
                    location,
                    "no answer within " + seconds(options.readTimeout().toMillis()) + " (read timeout)");
        }
        if (cause instanceof ConnectException) {
            return new HttpSourceException(location, "cannot connect (connection refused)");
        }
        String detail = cause == null
                ? "unknown"
                : cause.getMessage() == null
                        ? cause.getClass().getSimpleName()
                        : RangeAnswerHandler.printable(cause.getMessage());
        if (cause instanceof IOException) {
            return new HttpSourceException(location, "the connection failed: " + detail, cause);
        }
        return new HttpSourceException(location, "the request failed: " + detail, cause);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
    }
}
