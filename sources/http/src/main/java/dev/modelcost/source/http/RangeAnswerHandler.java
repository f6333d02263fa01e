package dev.modelcost.source.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Judges the status and headers of the answer to one range request before any of its body is read, then receives
 * at most the bytes that were asked for. A redirect's or an error's body is not read at all.
 *
 * <p>A 206 must carry a Content-Range for exactly the range asked (clamped at the end of the file) and for the
 * file's known size, and a Content-Length, if any, equal to that range. A 200 is the whole file: taken only where a
 * download is allowed, with a Content-Length that gives the size, streamed up to the wanted bytes and cut off.
 */
final class RangeAnswerHandler implements HttpResponse.BodyHandler<Void> {

    private final long first;
    private final long lastInclusive;
    private final long knownTotalBytes;
    private final boolean allowWholeFile;
    private final AtomicLong receivedBytes;

    // Written on the client's thread before the body is read; read by the caller after the exchange completed.
    private volatile int status;
    private volatile HttpHeaders headers;
    private volatile String failure;
    private volatile ByteBuffer body;
    private volatile long totalBytes = -1;
    private volatile BoundedBodySubscriber subscriber;

    /** {@code knownTotalBytes} is -1 for the first request of a file, whose answer tells the size. */
    RangeAnswerHandler(
            long first, long lastInclusive, long knownTotalBytes, boolean allowWholeFile, AtomicLong receivedBytes) {
        this.first = first;
        this.lastInclusive = lastInclusive;
        this.knownTotalBytes = knownTotalBytes;
        this.allowWholeFile = allowWholeFile;
        this.receivedBytes = receivedBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        status = info.statusCode();
        headers = info.headers();
        String problem =
                switch (status) {
                    case 206 -> planPartial();
                    case 200 -> allowWholeFile ? planWhole() : null;
                    case 416 -> planUnsatisfied();
                    default -> null;
                };
        BoundedBodySubscriber s;
        if (problem != null) {
            failure = problem;
            s = BoundedBodySubscriber.discarding(receivedBytes);
        } else if (body == null) {
            s = BoundedBodySubscriber.discarding(receivedBytes);
        } else {
            s = new BoundedBodySubscriber(status == 200 ? first : 0, body, status == 206, receivedBytes);
        }
        subscriber = s;
        return s;
    }

    private String planPartial() {
        String encoding = headers.firstValue("Content-Encoding").orElse("identity");
        if (!encoding.equalsIgnoreCase("identity")) {
            return "sent a range encoded as '" + printable(encoding) + "', which modelcost did not ask for";
        }
        Optional<ContentRange> parsed =
                ContentRange.parse(headers.firstValue("Content-Range").orElse(null));
        if (parsed.isEmpty() || parsed.get().first() < 0) {
            return "answered a range request with a missing or unreadable Content-Range";
        }
        ContentRange range = parsed.get();
        String sizeProblem = checkTotal(range.totalBytes());
        if (sizeProblem != null) {
            return sizeProblem;
        }
        long wantedLast = Math.min(lastInclusive, range.totalBytes() - 1);
        if (range.first() != first || range.lastInclusive() != wantedLast) {
            return "answered the request for bytes " + first + "-" + wantedLast + " with bytes " + range.first() + "-"
                    + range.lastInclusive() + " (Content-Range)";
        }
        OptionalLong length = headers.firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() != range.lengthBytes()) {
            return "announced " + length.getAsLong() + " bytes (Content-Length) for a range of " + range.lengthBytes()
                    + " bytes";
        }
        totalBytes = range.totalBytes();
        body = ByteBuffer.allocate(Math.toIntExact(range.lengthBytes()));
        return null;
    }

    private String planWhole() {
        String encoding = headers.firstValue("Content-Encoding").orElse("identity");
        if (!encoding.equalsIgnoreCase("identity")) {
            return "sent the file encoded as '" + printable(encoding) + "', which modelcost did not ask for";
        }
        OptionalLong length;
        try {
            length = headers.firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            return "sent an unreadable Content-Length";
        }
        if (length.isEmpty() || length.getAsLong() < 0) {
            return "supports no range requests and sent no Content-Length: the file's size is unknown";
        }
        String sizeProblem = checkTotal(length.getAsLong());
        if (sizeProblem != null) {
            return sizeProblem;
        }
        totalBytes = length.getAsLong();
        long wantedLast = Math.min(lastInclusive, totalBytes - 1);
        body = ByteBuffer.allocate(Math.toIntExact(Math.max(0, wantedLast - first + 1)));
        return null;
    }

    private String planUnsatisfied() {
        Optional<ContentRange> parsed =
                ContentRange.parse(headers.firstValue("Content-Range").orElse(null));
        if (parsed.isPresent()
                && parsed.get().first() < 0
                && parsed.get().totalBytes() == 0
                && first == 0
                && knownTotalBytes <= 0) {
            totalBytes = 0; // an empty file: no byte can be asked for
            return null;
        }
        return "refused the range " + first + "-" + lastInclusive + " (HTTP 416)";
    }

    private String checkTotal(long total) {
        if (knownTotalBytes >= 0 && total != knownTotalBytes) {
            return "the file changed during the read: its size went from " + knownTotalBytes + " to " + total
                    + " bytes";
        }
        return null;
    }

    /** The connection is abandoned (deadline, interrupt): stop reading its body. */
    void abort() {
        BoundedBodySubscriber s = subscriber;
        if (s != null) {
            s.abort();
        }
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    String failure() {
        return failure;
    }

    long totalBytes() {
        return totalBytes;
    }

    /** The bytes received, from {@code first} on; empty for an empty file. */
    ByteBuffer body() {
        return body == null ? ByteBuffer.allocate(0) : body.flip();
    }

    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
