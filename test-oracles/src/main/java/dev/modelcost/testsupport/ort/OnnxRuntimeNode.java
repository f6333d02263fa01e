package dev.modelcost.testsupport.ort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelcost.testsupport.Prerequisites;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ONNX Runtime as an oracle: runs ort/run.js (a resource of this module) with node in a process of its own per model
 * (a model that crashes onnxruntime takes only its process down) and reads its one JSON line: output name → dims.
 * The onnxruntime-node package is found at {@value #PACKAGE_PROPERTY} (the parent POM points it into .cache/).
 */
public final class OnnxRuntimeNode {
    /** The folder of the installed npm package; the parent POM points it into .cache/ (git-ignored). */
    public static final String PACKAGE_PROPERTY = "modelcost.onnxruntimeNode";

    private static final long TIMEOUT_SECONDS = 120;

    private OnnxRuntimeNode() {}

    /** The onnxruntime-node folder with its linux-x64 CPU binding, after {@link Prerequisites#need}. */
    public static Path installed() {
        String where = System.getProperty(PACKAGE_PROPERTY, ".cache/onnxruntime-node/node_modules/onnxruntime-node");
        Path pkg = Path.of(where).toAbsolutePath().normalize();
        Prerequisites.need(nodeVersion() != null, "node (Node.js) on PATH", "apt-get install nodejs npm");
        Prerequisites.need(
                Files.isDirectory(pkg),
                "onnxruntime-node at " + pkg,
                ".ci/run installs it: npm install --prefix .cache/onnxruntime-node --ignore-scripts onnxruntime-node@"
                        + "(the version pinned there)");
        return pkg;
    }

    /** One run's answer: outputs by name (dims) or the error onnxruntime gave. */
    public record Result(Map<String, List<Long>> outputs, String error) {
        public boolean ran() {
            return error == null;
        }
    }

    /** Runs {@code model} with zero-filled inputs; {@code inputs} is run.js's JSON list of {name, dtype, dims}. */
    public static Result run(Path pkg, Path model, String inputs) throws IOException, InterruptedException {
        Path script = script();
        Path err = Files.createTempFile("ort-", ".stderr");
        Process p = new ProcessBuilder("node", script.toString(), pkg.toString(), model.toString(), inputs)
                .redirectError(err.toFile())
                .start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(Map.of(), "timed out after " + TIMEOUT_SECONDS + " s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8).trim();
        Files.deleteIfExists(err);
        if (p.exitValue() != 0 || out.isEmpty()) {
            String last = stderr.isEmpty()
                    ? "exit " + p.exitValue()
                    : stderr.lines().reduce((a, b) -> b).orElse(stderr);
            return new Result(Map.of(), last);
        }
        Map<String, List<Long>> outputs = new LinkedHashMap<>();
        for (JsonNode o : new ObjectMapper().readTree(out).get("outputs")) {
            List<Long> dims = new ArrayList<>();
            o.path("dims").forEach(d -> dims.add(d.asLong()));
            outputs.put(o.get("name").asText(), o.get("dims").isNull() ? null : dims);
        }
        return new Result(outputs, null);
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? v : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Path script() throws IOException {
        try {
            return Path.of(OnnxRuntimeNode.class.getResource("/ort/run.js").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            Path copy = Files.createTempFile("ort-run-", ".js");
            try (InputStream in = OnnxRuntimeNode.class.getResourceAsStream("/ort/run.js")) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        }
    }
}
