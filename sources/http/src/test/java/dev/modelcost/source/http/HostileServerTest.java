package dev.modelcost.source.http;

import com.sun.net.httpserver.HttpHandler;
import dev.modelcost.testdata.http.Misbehaviours;
import dev.modelcost.testdata.http.RangeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each misbehaving server ends the read with one HttpSourceException: one line naming the URL and what the server
 * did wrong, within the configured timeouts (1 s to connect, 2 s per request here), in the suite's 256 MiB heap.
 */
class HostileServerTest {

    private static final byte[] CONTENT = new byte[300_000];
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration READ = Duration.ofSeconds(2);
    private static RangeServer server;

    @BeforeAll
    static void start() throws IOException {
        new Random(1).nextBytes(CONTENT);
        server = new RangeServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> hostileServers() {
        return Stream.of(
                Arguments.of("noRanges", Misbehaviours.noRanges(CONTENT), "does not support range requests"),
                Arguments.of("wrongContentRange", Misbehaviours.wrongContentRange(CONTENT), "(Content-Range)"),
                Arguments.of("endlessBody", Misbehaviours.endlessBody(CONTENT), "sent more than"),
                Arguments.of("slowDrip", Misbehaviours.slowDrip(CONTENT, 100), "read timeout"),
                Arguments.of("silent", Misbehaviours.silent(), "timeout"),
                Arguments.of("redirectLoop", Misbehaviours.redirectTo("/hostile/redirectLoop2"), "redirect loop"),
                Arguments.of("redirectLoop2", Misbehaviours.redirectTo("/hostile/redirectLoop"), "redirect loop"),
                Arguments.of("redirectToFile", Misbehaviours.redirectTo("file:///etc/passwd"), "'file:'"),
                Arguments.of("redirectToFtp", Misbehaviours.redirectTo("ftp://127.0.0.1/model.onnx"), "'ftp:'"),
                Arguments.of("redirectNowhere", Misbehaviours.redirectTo(""), "without a Location"),
                Arguments.of("redirectGarbage", Misbehaviours.redirectTo("http://[zz"), "unreadable location"),
                Arguments.of("lyingContentLength", Misbehaviours.lyingContentLength(CONTENT), "(Content-Length)"),
                Arguments.of("shortBody", Misbehaviours.shortBody(CONTENT), ""),
                Arguments.of("changingEtag", Misbehaviours.changingEtag(CONTENT), "changed during the read"),
                Arguments.of("changingSize", Misbehaviours.changingSize(CONTENT), "changed during the read"),
                Arguments.of("notFound", (HttpHandler) e -> e.sendResponseHeaders(404, -1), "not found (HTTP 404)"),
                Arguments.of("forbidden", (HttpHandler) e -> e.sendResponseHeaders(403, -1), "MODELCOST_HTTP_HEADER"),
                Arguments.of(
                        "gzipped",
                        (HttpHandler) e -> {
                            e.getResponseHeaders().set("Content-Encoding", "gzip");
                            Misbehaviours.ranges(CONTENT, "\"g\"").handle(e);
                        },
                        "encoded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileServers")
    void endsInOneLineWithinTheTimeouts(String name, HttpHandler handler, String expected) {
        server.handle("/hostile/" + name, handler);
        String url = server.url("/hostile/" + name);
        HttpSourceOptions options =
                HttpSourceOptions.defaults().withTimeouts(CONNECT, READ).withBlocks(4096, 1 << 20);
        HttpSourceException e = assertTimeoutPreemptively(
                Duration.ofSeconds(8),
                () -> assertThrows(HttpSourceException.class, () -> {
                    try (HttpRangeSource source = HttpRangeSource.open(url, options)) {
                        // Reads that need more requests, for the servers that break after the first.
                        source.readBytes(100_000, 100);
                        source.readBytes(200_000, 20_000);
                    }
                }));
        String message = e.getMessage();
        assertTrue(message.startsWith(url + ": "), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeFileServers")
    void aDownloadThatBreaksEndsInOneLine(String name, HttpHandler handler, String expected) {
        server.handle("/download/" + name, handler);
        String url = server.url("/download/" + name);
        HttpSourceOptions options = HttpSourceOptions.defaults()
                .withTimeouts(CONNECT, READ)
                .withAllowDownload(true)
                .withBlocks(4096, 1 << 20);
        HttpSourceException e = assertTimeoutPreemptively(
                Duration.ofSeconds(8),
                () -> assertThrows(HttpSourceException.class, () -> {
                    try (HttpRangeSource source = HttpRangeSource.open(url, options)) {
                        source.readBytes(source.sizeBytes() - 100, 100);
                    }
                }));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Stream<Arguments> wholeFileServers() {
        return Stream.of(
                Arguments.of("lyingLength", Misbehaviours.wholeBodyShort(CONTENT), ""),
                Arguments.of(
                        "noLength",
                        (HttpHandler) e -> {
                            e.sendResponseHeaders(200, 0);
                            e.getResponseBody().write(CONTENT);
                        },
                        "no Content-Length"));
    }

    @org.junit.jupiter.api.Test
    void aClosedPortIsAOneLineError() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/model.onnx";
        HttpSourceException e = assertThrows(
                HttpSourceException.class,
                () -> HttpRangeSource.open(url, HttpSourceOptions.defaults().withTimeouts(CONNECT, READ)));
        assertTrue(e.getMessage().startsWith(url + ": "), e.getMessage());
    }
}
