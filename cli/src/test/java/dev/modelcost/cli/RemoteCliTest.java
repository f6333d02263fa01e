package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import dev.modelcost.testdata.http.Misbehaviours;
import dev.modelcost.testdata.http.RangeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line over HTTP (127.0.0.1 only): the options, the hostile servers' exit 4, audit --urls. */
class RemoteCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RangeServer server;
    private static byte[] model;
    private static String modelName = "squeezenet1_1.onnx";

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        model = Files.readAllBytes(InspectCommandTest.corpus().resolve("onnx/torchvision/" + modelName));
        server = new RangeServer();
        server.handle("/ok/" + modelName, Misbehaviours.ranges(model, "\"m\""));
        server.handle("/plain/" + modelName, Misbehaviours.noRanges(model));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRemoteReportSaysWhatItFetched() throws Exception {
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", server.url("/ok/" + modelName), "-f", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode report = JSON.readTree(r.out());
        assertEquals(
                server.url("/ok/" + modelName),
                report.path("model").path("path").asText());
        JsonNode fetch = report.path("model").path("fetch");
        assertTrue(fetch.path("requests").asLong() >= 1, r.out());
        assertTrue(fetch.path("bytes").asLong() <= model.length, "the whole file at most: " + fetch);
        String text = InspectCommandTest.run("inspect", server.url("/ok/" + modelName))
                .out();
        assertTrue(text.contains("read over HTTP:"), text);
    }

    @Test
    void aServerWithoutRangesIsRefusedUnlessDownloadIsAllowed() {
        String url = server.url("/plain/" + modelName);
        InspectCommandTest.Run refused = InspectCommandTest.run("inspect", url);
        assertEquals(4, refused.code());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("--allow-download"), refused.err());
        InspectCommandTest.Run allowed =
                InspectCommandTest.run("inspect", url, "--allow-download", "--max-fetch", "64M");
        assertEquals(0, allowed.code(), allowed.err());
    }

    @Test
    void theFetchLimitIsAnOption() {
        InspectCommandTest.Run r =
                InspectCommandTest.run("inspect", server.url("/ok/" + modelName), "--max-fetch", "64K");
        assertEquals(4, r.code(), r.out());
        assertTrue(r.err().contains("fetch limit of 65536 bytes"), r.err());
        assertEquals(
                2,
                InspectCommandTest.run("inspect", server.url("/ok/" + modelName), "--max-fetch", "lots")
                        .code());
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("wrong-range", Misbehaviours.wrongContentRange(model)),
                Arguments.of("endless", Misbehaviours.endlessBody(model)),
                Arguments.of("drip", Misbehaviours.slowDrip(model, 200)),
                Arguments.of("silent", Misbehaviours.silent()),
                Arguments.of("loop", Misbehaviours.redirectTo("/hostile/loop")),
                Arguments.of("to-file", Misbehaviours.redirectTo("file:///etc/passwd")),
                Arguments.of("to-ftp", Misbehaviours.redirectTo("ftp://127.0.0.1/x")),
                Arguments.of("lying-length", Misbehaviours.lyingContentLength(model)),
                Arguments.of("short-body", Misbehaviours.shortBody(model)),
                Arguments.of("changing", Misbehaviours.changingEtag(model)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aHostileServerEndsInOneLineAndExit4(String name, HttpHandler handler) {
        server.handle("/hostile/" + name, handler);
        String url = server.url("/hostile/" + name);
        InspectCommandTest.Run r = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> InspectCommandTest.run("inspect", url, "--connect-timeout", "1", "--read-timeout", "2"));
        assertEquals(4, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("modelcost: "), r.err());
        assertTrue(r.err().contains(url), r.err());
        assertEquals("", r.out());
    }

    @Test
    void headersComeFromTheEnvironmentAndAreNeverPrinted() {
        RemoteOptions.environment = Map.of(RemoteOptions.HEADER_VARIABLE, "Authorization: Bearer t0ken")::get;
        try {
            server.handle("/private/" + modelName, exchange -> {
                if (!"Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                Misbehaviours.ranges(model, "\"p\"").handle(exchange);
            });
            InspectCommandTest.Run r = InspectCommandTest.run(
                    "inspect", server.url("/private/" + modelName), "-f", "json", "--stacktrace");
            assertEquals(0, r.code(), r.err());
            assertFalse(r.out().contains("t0ken") || r.err().contains("t0ken"));
        } finally {
            RemoteOptions.environment = System::getenv;
        }
        InspectCommandTest.Run denied = InspectCommandTest.run("inspect", server.url("/private/" + modelName));
        assertEquals(4, denied.code());
        assertTrue(denied.err().contains("MODELCOST_HTTP_HEADER"), denied.err());
    }

    @Test
    void auditReadsAListOfUrls() throws Exception {
        Path urls = dir.resolve("urls.txt");
        Files.writeString(
                urls,
                "# models to check\n" + server.url("/ok/" + modelName) + "\n\n" + server.url("/missing/model.onnx")
                        + "\n" + server.url("/plain/" + modelName) + "\n");
        InspectCommandTest.Run r = InspectCommandTest.run("audit", "--urls", urls.toString(), "-f", "jsonl");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        JsonNode first = JSON.readTree(lines[0]);
        assertEquals(
                server.url("/ok/" + modelName), first.path("model").path("path").asText());
        assertTrue(first.path("model").path("fetch").path("requests").asLong() >= 1, lines[0]);
        assertTrue(JSON.readTree(lines[1]).path("error").asText().contains("not found (HTTP 404)"), lines[1]);
        assertTrue(JSON.readTree(lines[2]).path("error").asText().contains("range requests"), lines[2]);
        assertEquals(2, InspectCommandTest.run("audit").code(), "DIR or --urls");
    }
}
