package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every safetensors and GGUF file of the shared corpus through {@code inspect --format json} and {@code explain}:
 * exit 0, nothing on stderr, no unexplained byte; and the KV cache of a GGUF Llama against its truth's keys.
 */
class SafetensorsGgufCliTest {
    private static Path corpus() {
        return InspectCommandTest.corpus();
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void everyCorpusFileIsReportedAndExplained() throws Exception {
        List<Path> files;
        try (Stream<Path> s =
                Stream.concat(Files.list(corpus().resolve("safetensors")), Files.list(corpus().resolve("gguf")))) {
            files = s.filter(p -> p.toString().matches(".*\\.(safetensors|gguf)$"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 17, "corpus files: " + files.size());
        for (Path f : files) {
            String[] r = run("inspect", "--format", "json", f.toString());
            assertEquals("0", r[0], f + ": " + r[2]);
            assertEquals("", r[2], f.toString());
            JsonNode j = new ObjectMapper().readTree(r[1]);
            assertEquals(0, j.get("ledger").get("unexplainedBytes").asLong(), f.toString());
            String[] e = run("explain", f.toString());
            assertEquals("0", e[0], f + ": " + e[2]);
            assertTrue(e[1].contains("these add up to it exactly") || e[1].contains("bytes"), e[1]);
        }
    }

    @Test
    void kvCacheFollowsTheGgufKeysAndTheAskedContext() throws Exception {
        Path f = corpus().resolve("gguf/gen__tiny-llama-Q4_K_M.gguf");
        JsonNode kv = new ObjectMapper()
                .readTree(corpus().resolve("gguf/gen__tiny-llama-Q4_K_M.gguf.truth.json")
                        .toFile())
                .get("kv");
        long headDim = kv.get("llama.embedding_length").asLong()
                / kv.get("llama.attention.head_count").asLong();
        long perToken = 2
                * kv.get("llama.block_count").asLong()
                * kv.get("llama.attention.head_count_kv").asLong()
                * headDim
                * 2; // K and V, fp16
        String[] r = run("inspect", "--format", "json", "--context", "512", "--batch", "2", f.toString());
        JsonNode k = new ObjectMapper().readTree(r[1]).get("kvCache");
        assertEquals(perToken, k.get("bytesPerToken").asLong());
        assertEquals(perToken * 512 * 2, k.get("cacheBytes").asLong());
        String doc = Files.readString(Path.of("../docs/json-schema.md"));
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertTrue(doc.contains("`" + field + "`"), "kvCache." + field + " is not in docs/json-schema.md");
        }
        String[] text = run("inspect", f.toString());
        assertTrue(text[1].contains(String.format("KV cache: %,d bytes per token", perToken)), text[1]);
    }
}
