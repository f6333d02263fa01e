package dev.modelcost.testdata.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (an ephemeral port, never another address) that serves files with single byte ranges,
 * ETag and Last-Modified, redirects, and whatever misbehaving handler a test installs ({@link Misbehaviours}). It
 * logs each request (path, Range, whether an Authorization header came) for tests that count round trips.
 *
 * <p>{@code main}: serves a folder for the bench, files under /files/ and the same through a 302 from /redirect/.
 */
public final class RangeServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Logged(String path, String range, String authorization) {}

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Logged> log = new CopyOnWriteArrayList<>();
    private volatile PrintStream echo;

    public RangeServer() throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // 40 ms a request that no real server costs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "range-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
    }

    /** http://127.0.0.1:PORT + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Logged> log() {
        return List.copyOf(log);
    }

    public void clearLog() {
        log.clear();
    }

    /** Installs a handler for a path prefix; every request is logged first. */
    public void handle(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, exchange -> {
            Logged logged = new Logged(
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Range"),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            log.add(logged);
            PrintStream out = echo;
            if (out != null) {
                out.println(logged.path() + " " + logged.range());
            }
            try (exchange) {
                handler.handle(exchange);
            } catch (IOException e) {
                // The client hung up (a cancelled read): nothing to answer.
            }
        });
    }

    /** Files of {@code folder} (and below) under {@code prefix}, e.g. "/files/" → folder. */
    public void serveFolder(String prefix, Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        handle(prefix, exchange -> {
            String rest = exchange.getRequestURI().getPath().substring(prefix.length());
            Path file = root.resolve(rest).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            serveFile(
                    exchange,
                    file,
                    "\"" + Files.size(file) + "-"
                            + Files.getLastModifiedTime(file).toMillis() + "\"");
        });
    }

    /** 302 from {@code fromPrefix + rest} to {@code toPrefix + rest} (a hub sending its files to a CDN). */
    public void redirectFolder(String fromPrefix, String toPrefix) {
        handle(fromPrefix, exchange -> {
            String rest = exchange.getRequestURI().getRawPath().substring(fromPrefix.length());
            exchange.getResponseHeaders().set("Location", toPrefix + rest);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    /** Answers one GET for a file: 206 for a satisfiable single range, 416 for another, 200 without Range. */
    public static void serveFile(HttpExchange exchange, Path file, String etag) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", "Sun, 06 Dec 2026 00:00:00 GMT");
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            long[] range = parseRange(exchange.getRequestHeaders().getFirst("Range"), size);
            if (range == null) {
                exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
                copy(channel, 0, size, exchange.getResponseBody());
            } else if (range.length == 0) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                exchange.sendResponseHeaders(416, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
                exchange.sendResponseHeaders(206, range[1] - range[0] + 1);
                copy(channel, range[0], range[1] - range[0] + 1, exchange.getResponseBody());
            }
        }
    }

    /** {first, last} of a satisfiable range, an empty array for an unsatisfiable one, null for none. */
    public static long[] parseRange(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            first = Math.max(0, size - Long.parseLong(m.group(2)));
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        return first >= size || first > last ? new long[0] : new long[] {first, last};
    }

    private static void copy(FileChannel channel, long first, long length, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        long position = first;
        long end = first + length;
        while (position < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            out.write(buffer.array(), 0, n);
            position += n;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * Serves FOLDER on 127.0.0.1 until killed; prints the base URLs (direct and through a redirect) on stdout and
     * each request (path, Range) on stderr.
     */
    public static void main(String[] args) throws Exception {
        RangeServer server = new RangeServer();
        server.echo = System.err; // the request log: path and Range, one line each
        server.serveFolder("/files/", Path.of(args[0]));
        server.redirectFolder("/redirect/", "/files/");
        System.out.println(server.url("/files/") + " " + server.url("/redirect/"));
        System.out.flush();
        Thread.currentThread().join();
    }
}
