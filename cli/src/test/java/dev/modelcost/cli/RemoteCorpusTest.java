package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelcost.testdata.http.RangeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every corpus model served from 127.0.0.1 through a 302 (a hub sending its files to a CDN) gets the report it gets
 * from the disk: the same JSON except model.path, model.fetch and the "read over HTTP" diagnostic; a model that fails
 * locally fails remotely with the same exit code and the same message after its location.
 */
class RemoteCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RangeServer server;
    private static Path root;

    @BeforeAll
    static void serveTheCorpus() throws IOException {
        root = InspectCommandTest.corpus().toAbsolutePath().normalize();
        server = new RangeServer();
        server.serveFolder("/files/", root);
        server.redirectFolder("/hub/", "/files/");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyCorpusModelReadsTheSameOverHttp() throws IOException {
        List<Path> models;
        try (Stream<Path> s = Files.walk(root)) {
            models = s.filter(Files::isRegularFile)
                    .filter(p ->
                            p.toString().matches(".*\\.(onnx|h5|hdf5|keras|zip|bin|safetensors|gguf|pt|pth|tflite)$"))
                    .sorted()
                    .toList();
        }
        assertTrue(models.size() >= 30, "corpus models: " + models.size());
        List<String> failures = new ArrayList<>();
        int reports = 0;
        long fileBytes = 0;
        long fetchedBytes = 0;
        long requests = 0;
        for (Path model : models) {
            String relative = root.relativize(model).toString().replace('\\', '/');
            String url = server.url("/hub/" + encodePath(relative));
            InspectCommandTest.Run local = InspectCommandTest.run("inspect", model.toString(), "--format", "json");
            InspectCommandTest.Run remote = InspectCommandTest.run("inspect", url, "--format", "json");
            if (local.code() != remote.code()) {
                failures.add(relative + ": exit " + local.code() + " locally, " + remote.code() + " remotely: "
                        + remote.err().strip());
            } else if (local.code() == 0) {
                reports++;
                JsonNode a = comparable(JSON.readTree(local.out()));
                JsonNode b = JSON.readTree(remote.out());
                JsonNode fetch = b.path("model").path("fetch");
                fileBytes += Files.size(model);
                fetchedBytes += fetch.path("bytes").asLong();
                requests += fetch.path("requests").asLong();
                if (!fetch.path("requests").canConvertToLong()
                        || fetch.path("requests").asLong() < 1) {
                    failures.add(relative + ": no model.fetch in the remote report");
                }
                if (!a.equals(comparable(b))) {
                    failures.add(relative + ": the remote JSON report differs from the local one");
                }
            } else {
                String localProblem = local.err().strip().replace(model.toString(), "<model>");
                String remoteProblem = remote.err().strip().replace(url, "<model>");
                if (!localProblem.equals(remoteProblem)) {
                    failures.add(relative + ": locally '" + localProblem + "', remotely '" + remoteProblem + "'");
                }
            }
        }
        System.out.printf(
                "RemoteCorpusTest: %d models, %d reports compared; they fetched %,d of their %,d bytes in %,d"
                        + " requests%n",
                models.size(), reports, fetchedBytes, fileBytes, requests);
        assertTrue(reports >= 20, "reports compared: " + reports);
        assertEquals(List.of(), failures);
    }

    /** The report without what differs by design: where the model was read from and what reading it fetched. */
    private static JsonNode comparable(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        ObjectNode model = (ObjectNode) copy.get("model");
        model.remove("path");
        model.remove("fetch");
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode d : copy.withArray("diagnostics")) {
            if (!d.path("message").asText().startsWith("read over HTTP:")) {
                kept.add(d);
            }
        }
        copy.set("diagnostics", kept);
        return copy;
    }

    static String encodePath(String relative) {
        StringBuilder out = new StringBuilder();
        for (byte b : relative.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }
}
