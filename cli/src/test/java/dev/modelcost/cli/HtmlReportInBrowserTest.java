package dev.modelcost.cli;

import dev.modelcost.testsupport.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens `inspect --format html` in real headless Chromium (Debian `chromium`; skipped with a message when absent, a failure under CI):
 * the page's script must draw all three charts without a console message, and a screenshot is written to
 * target/screenshots/ for people to look at.
 */
class HtmlReportInBrowserTest {
    private static final String[] FLAGS = {
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0"
    };

    static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        chromium = Prerequisites.browser(
                List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
    }

    record Browser(String stdout, String stderr) {
        /** Console messages the page produced (Chromium logs them as INFO:CONSOLE lines). */
        List<String> console() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    private Browser open(Path page, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString()));
        cmd.addAll(List.of(FLAGS));
        cmd.add("--user-data-dir=" + Files.createTempDirectory(dir, "profile"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        return new Browser(Files.readString(out), Files.readString(err));
    }

    private Path page(String model) throws IOException {
        InspectCommandTest.Run r = InspectCommandTest.run(
                "inspect",
                InspectCommandTest.corpus()
                        .resolve("onnx/torchvision")
                        .resolve(model)
                        .toString(),
                "--format",
                "html");
        assertEquals(0, r.code(), r.err());
        Path html = dir.resolve(model + ".html");
        Files.writeString(html, r.out(), StandardCharsets.UTF_8);
        return html;
    }

    @Test
    void theReportDrawsItsThreeChartsWithoutConsoleMessages() throws Exception {
        Path html = page("squeezenet1_1.onnx");
        Browser b = open(html, "--dump-dom");
        assertTrue(b.console().isEmpty(), "console messages: " + b.console());
        String dom = b.stdout();
        assertTrue(dom.contains("data-charts=\"drawn 3\""), "charts status: " + status(dom));
        assertTrue(dom.contains("class=\"peak\""), "the memory chart marks its peak");
        // One bar per layer with parameters: squeezenet's 26 convolutions plus the exporter's bias Identity nodes.
        Matcher bars = Pattern.compile("class=\"bar\"").matcher(dom);
        int n = 0;
        while (bars.find()) {
            n++;
        }
        assertTrue(n >= 26, "parameter bars drawn: " + n);
        assertTrue(dom.contains("data-category=\"parameters\""), "the ledger bar has a parameters segment");
    }

    @Test
    void aScreenshotIsProduced() throws Exception {
        Path html = page("mobilenet_v2.onnx");
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        Path png = shots.resolve("mobilenet_v2-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Browser b = open(html, "--window-size=1280,1800", "--screenshot=" + png);
        assertTrue(b.console().isEmpty(), "console messages: " + b.console());
        assertTrue(Files.size(png) > 20_000, "screenshot " + png + " is " + Files.size(png) + " bytes");
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }

    /** A decoder step with its KV cache: the page has the KV-cache section and still draws its charts cleanly. */
    @Test
    void aDecoderPageShowsItsKvCacheSection() throws Exception {
        InspectCommandTest.Run r = InspectCommandTest.run(
                "inspect",
                InspectCommandTest.corpus()
                        .resolve("onnx/real/genai_tiny_gpt2_past_fp32.onnx")
                        .toString(),
                "--dim",
                "seq_len=1",
                "--dim",
                "total_seq_len=101",
                "--dim",
                "past_seq_len=100",
                "--format",
                "html");
        assertEquals(0, r.code(), r.err());
        Path html = dir.resolve("gpt2.html");
        Files.writeString(html, r.out(), StandardCharsets.UTF_8);
        Browser b = open(html, "--dump-dom");
        assertTrue(b.console().isEmpty(), "console messages: " + b.console());
        assertTrue(b.stdout().contains("data-charts=\"drawn 3\""), "charts status: " + status(b.stdout()));
        assertTrue(b.stdout().contains("<h2 id=\"kv-cache\">KV cache</h2>"), "the KV-cache section is there");
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        Path png = shots.resolve("gpt2-kv-cache-report.png").toAbsolutePath();
        open(html, "--window-size=1280,1400", "--screenshot=" + png);
        assertTrue(Files.size(png) > 20_000, "screenshot " + png + " is " + Files.size(png) + " bytes");
    }

    private static String status(String dom) {
        Matcher m = Pattern.compile("data-charts=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "(none)";
    }
}
