package dev.modelcost.testdata.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hostile and broken servers for {@link RangeServer}: each handler serves {@code content} the way a bad server
 * would. Handlers that could go on forever stop after {@link #GIVE_UP_MILLIS} so a test never leaves them running.
 */
public final class Misbehaviours {
    private Misbehaviours() {}

    static final long GIVE_UP_MILLIS = 20_000;

    /** Correct ranges, for comparison and for the first request of the cases that break later. */
    public static HttpHandler ranges(byte[] content, String etag) {
        return exchange -> serveRange(exchange, content, etag, 0);
    }

    /** Ignores Range: 200 with the whole body. */
    public static HttpHandler noRanges(byte[] content) {
        return exchange -> {
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content);
        };
    }

    /** 206 with a Content-Range one byte off the range asked for. */
    public static HttpHandler wrongContentRange(byte[] content) {
        return exchange -> serveRange(exchange, content, "\"x\"", 1);
    }

    /** 206 with the right Content-Range, then a chunked body that never ends. */
    public static HttpHandler endlessBody(byte[] content) {
        return exchange -> {
            long[] r = RangeServer.parseRange(exchange.getRequestHeaders().getFirst("Range"), content.length);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + content.length);
            exchange.sendResponseHeaders(206, 0);
            byte[] chunk = new byte[8192];
            OutputStream out = exchange.getResponseBody();
            long until = System.currentTimeMillis() + GIVE_UP_MILLIS;
            while (System.currentTimeMillis() < until) {
                out.write(chunk);
            }
        };
    }

    /** 206 with the right headers, then one byte every {@code gapMillis}. */
    public static HttpHandler slowDrip(byte[] content, long gapMillis) {
        return exchange -> {
            long[] r = RangeServer.parseRange(exchange.getRequestHeaders().getFirst("Range"), content.length);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + content.length);
            exchange.sendResponseHeaders(206, r[1] - r[0] + 1);
            OutputStream out = exchange.getResponseBody();
            long until = System.currentTimeMillis() + GIVE_UP_MILLIS;
            for (long i = r[0]; i <= r[1] && System.currentTimeMillis() < until; i++) {
                out.write(content[(int) i]);
                out.flush();
                sleep(gapMillis);
            }
        };
    }

    /** Accepts the connection and sends nothing. */
    public static HttpHandler silent() {
        return exchange -> sleep(GIVE_UP_MILLIS);
    }

    /** A redirect to {@code location} whatever it is (a loop, file:, ftp:, another host). */
    public static HttpHandler redirectTo(String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        };
    }

    /** 206 with the right Content-Range and Content-Length, then half of the body and a closed connection. */
    public static HttpHandler shortBody(byte[] content) {
        return exchange -> {
            long[] r = RangeServer.parseRange(exchange.getRequestHeaders().getFirst("Range"), content.length);
            int length = (int) (r[1] - r[0] + 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + content.length);
            exchange.sendResponseHeaders(206, length);
            exchange.getResponseBody().write(content, (int) r[0], length / 2);
            exchange.getResponseBody().flush();
            throw new IOException("hang up"); // closes the connection with the body unfinished
        };
    }

    /** 206 whose Content-Length claims more than the range it names. */
    public static HttpHandler lyingContentLength(byte[] content) {
        return exchange -> {
            long[] r = RangeServer.parseRange(exchange.getRequestHeaders().getFirst("Range"), content.length);
            int length = (int) (r[1] - r[0] + 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + content.length);
            exchange.sendResponseHeaders(206, length + 1000L);
            exchange.getResponseBody().write(content, (int) r[0], length);
            exchange.getResponseBody().write(new byte[1000]);
        };
    }

    /** A 200 without ranges whose Content-Length claims twice the bytes it sends. */
    public static HttpHandler wholeBodyShort(byte[] content) {
        return exchange -> {
            exchange.sendResponseHeaders(200, content.length * 2L);
            exchange.getResponseBody().write(content);
            exchange.getResponseBody().flush();
            throw new IOException("hang up");
        };
    }

    /** Correct ranges, but the ETag changes after the first request: a file replaced during the read. */
    public static HttpHandler changingEtag(byte[] content) {
        AtomicInteger requests = new AtomicInteger();
        return exchange -> serveRange(exchange, content, "\"v" + Math.min(2, requests.incrementAndGet()) + "\"", 0);
    }

    /** Correct ranges, but the file's size (Content-Range total) changes after the first request. */
    public static HttpHandler changingSize(byte[] content) {
        AtomicInteger requests = new AtomicInteger();
        return exchange -> {
            boolean later = requests.incrementAndGet() > 1;
            long[] r = RangeServer.parseRange(exchange.getRequestHeaders().getFirst("Range"), content.length);
            int length = (int) (r[1] - r[0] + 1);
            long total = later ? content.length + 1L : content.length;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + total);
            exchange.sendResponseHeaders(206, length);
            exchange.getResponseBody().write(content, (int) r[0], length);
        };
    }

    private static void serveRange(HttpExchange exchange, byte[] content, String etag, int shift) throws IOException {
        long[] r = RangeServer.parseRange(exchange.getRequestHeaders().getFirst("Range"), content.length);
        exchange.getResponseHeaders().set("ETag", etag);
        if (r == null || r.length == 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        int length = (int) (r[1] - r[0] + 1);
        exchange.getResponseHeaders()
                .set("Content-Range", "bytes " + (r[0] + shift) + "-" + (r[1] + shift) + "/" + content.length);
        exchange.sendResponseHeaders(206, length);
        exchange.getResponseBody().write(content, (int) r[0], length);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
