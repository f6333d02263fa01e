package dev.modelcost.source.http;

import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.testdata.http.Misbehaviours;
import dev.modelcost.testdata.http.RangeServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpRangeSourceTest {

    private static final int BLOCK = 4096;
    private final byte[] content = new byte[1_000_003];
    private RangeServer server;

    @BeforeEach
    void start() throws IOException {
        new Random(42).nextBytes(content);
        server = new RangeServer();
        server.handle("/m/model.onnx", Misbehaviours.ranges(content, "\"v1\""));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpSourceOptions options() {
        return HttpSourceOptions.defaults()
                .withBlocks(BLOCK, 64L * BLOCK)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void readsTheServedBytesAtAnyOffset() throws IOException {
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/m/model.onnx"), options())) {
            assertEquals(content.length, source.sizeBytes());
            assertEquals("model.onnx", source.fileName());
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                int length = random.nextInt(i % 10 == 0 ? 6 * BLOCK : 300);
                int offset = random.nextInt(content.length - length + 1);
                assertArrayEquals(
                        Arrays.copyOfRange(content, offset, offset + length),
                        source.readBytes(offset, length),
                        "offset " + offset + ", length " + length);
            }
            // The last byte, and a read that ends exactly at the end.
            assertArrayEquals(
                    Arrays.copyOfRange(content, content.length - 10, content.length),
                    source.readBytes(content.length - 10, 10));
        }
    }

    @Test
    void smallReadsInOneBlockCostOneRequest() throws IOException {
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/m/model.onnx"), options())) {
            long afterOpen = source.statistics().requests();
            assertEquals(1, afterOpen, "the first request gives the size and the first block");
            source.readBytes(10, 100); // in the first block, cached by the open
            source.readBytes(500_000, 8);
            source.readBytes(500_010, 8); // same block: no request
            source.readBytes(500_100, 100);
            assertEquals(2, source.statistics().requests());
            assertEquals(2L * BLOCK, source.statistics().bytes());
        }
    }

    @Test
    void forwardReadsAreCoalescedByReadAhead() throws IOException {
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/m/model.onnx"), options())) {
            // 200 blocks read one small piece at a time, in order: read-ahead grows to 16 blocks a request.
            for (long offset = 0; offset < 200L * BLOCK; offset += 512) {
                source.readBytes(offset, 512);
            }
            long requests = source.statistics().requests();
            assertTrue(requests <= 20, "200 blocks in order took " + requests + " requests");
        }
    }

    @Test
    void aRedirectIsFollowedOnceAndItsTargetKept() throws IOException {
        server.handle("/hub/model.onnx", Misbehaviours.redirectTo(server.url("/m/model.onnx")));
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/hub/model.onnx"), options())) {
            assertEquals(server.url("/hub/model.onnx"), source.location());
            assertArrayEquals(Arrays.copyOfRange(content, 900_000, 900_010), source.readBytes(900_000, 10));
            List<String> paths =
                    server.log().stream().map(RangeServer.Logged::path).toList();
            assertEquals(List.of("/hub/model.onnx", "/m/model.onnx", "/m/model.onnx"), paths);
        }
    }

    @Test
    void theFetchLimitEndsTheReadBeforeTheRequestIsSent() throws IOException {
        HttpSourceOptions limited = options().withMaxFetchBytes(3L * BLOCK);
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/m/model.onnx"), limited)) {
            source.readBytes(100_000, 10);
            source.readBytes(300_000, 10);
            server.clearLog();
            HttpSourceException e = assertThrows(HttpSourceException.class, () -> source.readBytes(600_000, 10));
            assertTrue(e.getMessage().contains("fetch limit of " + 3 * BLOCK + " bytes"), e.getMessage());
            assertTrue(server.log().isEmpty(), "no request past the limit");
        }
    }

    @Test
    void theDefaultLimitIsWellBelowALargeFile() {
        long gigabyte = 1L << 30;
        assertTrue(HttpSourceOptions.defaults().budgetBytes(gigabyte) < gigabyte / 10);
        // A size the server claims cannot buy more than the ceiling.
        assertEquals(256L << 20, HttpSourceOptions.defaults().budgetBytes(Long.MAX_VALUE));
    }

    @Test
    void headersGoToTheOriginOnlyAndAreNeverShown() throws IOException {
        try (RangeServer cdn = new RangeServer()) {
            cdn.handle("/blob", Misbehaviours.ranges(content, "\"v1\""));
            server.handle("/private/model.onnx", Misbehaviours.redirectTo(cdn.url("/blob")));
            HttpSourceOptions withToken =
                    options().withHeaders(RequestHeader.parseLines("Authorization: Bearer s3cret"));
            assertFalse(withToken.toString().contains("s3cret"));
            try (HttpRangeSource source = HttpRangeSource.open(server.url("/private/model.onnx"), withToken)) {
                source.readBytes(700_000, 10);
            }
            assertEquals("Bearer s3cret", server.log().get(0).authorization());
            assertTrue(cdn.log().stream().allMatch(l -> l.authorization() == null), "no token to another origin");
        }
    }

    @Test
    void siblingsResolveBesideTheModelAndShareTheStatistics() throws IOException {
        byte[] data = Arrays.copyOf(content, 5000);
        server.handle("/m/weights/data.bin", Misbehaviours.ranges(data, "\"d\""));
        server.handle("/m/weights/", exchange -> exchange.sendResponseHeaders(404, -1));
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/m/model.onnx"), options())) {
            var sibling = source.openSibling("weights/data.bin").orElseThrow();
            assertEquals(5000, sibling.sizeBytes());
            assertArrayEquals(Arrays.copyOfRange(data, 4000, 4100), sibling.readBytes(4000, 100));
            assertTrue(source.openSibling("weights/absent.bin").isEmpty());
            // model: 1; data.bin: its first block, then the block 4096.. the read reaches into; absent.bin: its 404.
            assertEquals(4, server.log().size());
            assertEquals(4, source.statistics().requests());
            assertTrue(source.openSibling("weights/data.bin").orElseThrow() == sibling, "opened once, kept");
            assertEquals(4, server.log().size());
            assertThrows(MalformedModelException.class, () -> source.openSibling("../secret.bin"));
            assertThrows(MalformedModelException.class, () -> source.openSibling("/etc/passwd"));
        }
    }

    @Test
    void siblingsCloseWithTheirSource() throws IOException {
        server.handle("/m/data.bin", Misbehaviours.ranges(Arrays.copyOf(content, 9000), "\"d\""));
        HttpRangeSource source = HttpRangeSource.open(server.url("/m/model.onnx"), options());
        var sibling = source.openSibling("data.bin").orElseThrow();
        source.close();
        assertThrows(HttpSourceException.class, () -> sibling.readBytes(5000, 10));
        assertThrows(HttpSourceException.class, () -> source.readBytes(5000, 10));
    }

    @Test
    void anEmptyFileHasSizeZero() throws IOException {
        server.handle("/empty.onnx", Misbehaviours.ranges(new byte[0], "\"e\""));
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/empty.onnx"), options())) {
            assertEquals(0, source.sizeBytes());
            assertEquals(0, source.readBytes(0, 0).length);
        }
    }

    @Test
    void aReadPastTheEndIsRefusedWithoutARequest() throws IOException {
        try (HttpRangeSource source = HttpRangeSource.open(server.url("/m/model.onnx"), options())) {
            server.clearLog();
            assertThrows(
                    MalformedModelException.class, () -> source.readFully(content.length - 5, ByteBuffer.allocate(6)));
            assertTrue(server.log().isEmpty());
        }
    }

    @Test
    void aServerWithoutRangesIsStreamedOnlyWhenAllowed() throws IOException {
        server.handle("/plain/model.onnx", Misbehaviours.noRanges(content));
        HttpSourceException refused = assertThrows(
                HttpSourceException.class, () -> HttpRangeSource.open(server.url("/plain/model.onnx"), options()));
        assertTrue(refused.getMessage().contains("does not support range requests"), refused.getMessage());
        try (HttpRangeSource source = HttpRangeSource.open(
                server.url("/plain/model.onnx"),
                options().withAllowDownload(true).withMaxFetchBytes(10L * content.length))) {
            assertTrue(source.streamed());
            assertEquals(content.length, source.sizeBytes());
            assertArrayEquals(Arrays.copyOfRange(content, 999_000, 999_100), source.readBytes(999_000, 100));
        }
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutShowingThem() {
        HttpSourceException e = assertThrows(
                HttpSourceException.class, () -> HttpRangeSource.open("http://user:pw@127.0.0.1:1/x.onnx", options()));
        assertFalse(e.getMessage().contains("pw"), e.getMessage());
    }
}
