package dev.modelcost.testdata.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Fuzz seeds for the safetensors and GGUF importers. safetensors: every corpus file with its header kept and each
 * dimension cut to at most 3 (offsets recomputed, payload zeros), so all the header's structure fits a few kilobytes.
 * GGUF: small files written here from the spec (v1, v2 and v3; every value type, nested arrays, quantized and plain
 * tensors, a custom alignment) plus the first 64 KiB of every corpus GGUF file (its key/values; truncated).
 */
final class NewFormatSeeds {
    private static final Map<String, Integer> SAFETENSORS_BYTES = Map.ofEntries(
            Map.entry("F64", 8),
            Map.entry("I64", 8),
            Map.entry("U64", 8),
            Map.entry("F32", 4),
            Map.entry("I32", 4),
            Map.entry("U32", 4),
            Map.entry("F16", 2),
            Map.entry("BF16", 2),
            Map.entry("I16", 2),
            Map.entry("U16", 2),
            Map.entry("I8", 1),
            Map.entry("U8", 1),
            Map.entry("BOOL", 1),
            Map.entry("F8_E4M3", 1),
            Map.entry("F8_E5M2", 1));
    private static final int GGUF_PREFIX_BYTES = 64 * 1024;

    private NewFormatSeeds() {}

    static List<byte[]> safetensors() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : FuzzSeeds.corpusFiles("safetensors")) {
            try {
                seeds.add(shrunkSafetensors(Files.readAllBytes(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(p.toString(), e);
            }
        }
        return seeds;
    }

    private static byte[] shrunkSafetensors(byte[] file) throws IOException {
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header =
                (ObjectNode) new ObjectMapper().readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8));
        long offset = 0;
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = header.fields();
                it.hasNext(); ) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            ObjectNode t = (ObjectNode) e.getValue();
            ArrayNode shape = (ArrayNode) t.get("shape");
            long elements = 1;
            for (int i = 0; i < shape.size(); i++) {
                long d = Math.min(3, shape.get(i).asLong());
                shape.set(i, d);
                elements *= d;
            }
            long bytes =
                    elements * SAFETENSORS_BYTES.getOrDefault(t.get("dtype").asText(), 1);
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = new ObjectMapper().writeValueAsBytes(header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length)
                .array());
        out.writeBytes(json);
        out.writeBytes(new byte[(int) offset]);
        return out.toByteArray();
    }

    static List<byte[]> gguf() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(new GgufSeed(3, 32).model());
        seeds.add(new GgufSeed(2, 64).model());
        seeds.add(new GgufSeed(1, 32).model());
        seeds.add(new GgufSeed(3, 32).vocabOnly());
        seeds.add(new GgufSeed(1, 32).vocabOnly());
        for (Path p : FuzzSeeds.corpusFiles("gguf")) {
            try {
                byte[] b = Files.readAllBytes(p);
                seeds.add(Arrays.copyOf(b, Math.min(b.length, GGUF_PREFIX_BYTES)));
            } catch (IOException e) {
                throw new UncheckedIOException(p.toString(), e);
            }
        }
        return seeds;
    }

    /** A small GGUF file of a given version and alignment (layout from the GGUF spec). */
    private static final class GgufSeed {
        private final int version;
        private final int alignment;
        private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
        private final ByteArrayOutputStream infos = new ByteArrayOutputStream();
        private int kvCount;
        private int tensorCount;
        private long dataBytes;

        GgufSeed(int version, int alignment) {
            this.version = version;
            this.alignment = alignment;
        }

        byte[] model() {
            key("general.architecture", 8);
            string(kv, "llama");
            if (alignment != 32) {
                key("general.alignment", 4);
                put(kv, 4, alignment);
            }
            for (String[] k : new String[][] {
                {"block_count", "2"},
                {"embedding_length", "64"},
                {"attention.head_count", "4"},
                {"attention.head_count_kv", "2"},
                {"context_length", "128"}
            }) {
                key("llama." + k[0], 4);
                put(kv, 4, Long.parseLong(k[1]));
            }
            scalars();
            // Q4_0 (32 values, 18 bytes), Q4_K (256, 144), Q6_K (256, 210), Q8_0 (32, 34), F16, F32
            tensor("token_embd.weight", 2, 18L * 2 * 4, 64, 4);
            tensor("blk.0.attn_q.weight", 12, 144L * 2, 256, 2);
            tensor("blk.0.ffn_down.weight", 14, 210, 256, 1);
            tensor("blk.0.attn_k.weight", 8, 34L * 2, 64);
            tensor("blk.0.attn_norm.weight", 1, 2L * 64, 64);
            tensor("output_norm.weight", 0, 4L * 64, 64);
            return bytes(true);
        }

        byte[] vocabOnly() {
            key("general.architecture", 8);
            string(kv, "llama");
            key("tokenizer.ggml.tokens", 9);
            put(kv, 4, 8);
            count(kv, 5);
            for (String t : new String[] {"<unk>", "<s>", "</s>", "a", "b"}) {
                string(kv, t);
            }
            key("tokenizer.ggml.scores", 9);
            put(kv, 4, 6);
            count(kv, 5);
            for (int i = 0; i < 5; i++) {
                put(kv, 4, Float.floatToIntBits(-i));
            }
            return bytes(false);
        }

        private void scalars() {
            int[][] typesAndWidths = {{0, 1}, {1, 1}, {2, 2}, {3, 2}, {5, 4}, {6, 4}, {7, 1}, {10, 8}, {11, 8}, {12, 8}
            };
            for (int[] tw : typesAndWidths) {
                key("test.type" + tw[0], tw[0]);
                put(kv, tw[1], 1);
            }
            key("test.nested", 9); // an array of two arrays of u8
            put(kv, 4, 9);
            count(kv, 2);
            for (int i = 0; i < 2; i++) {
                put(kv, 4, 0);
                count(kv, 3);
                kv.writeBytes(new byte[] {1, 2, 3});
            }
        }

        private void tensor(String name, int type, long bytes, long... dims) {
            string(infos, name);
            put(infos, 4, dims.length);
            for (long d : dims) {
                put(infos, version == 1 ? 4 : 8, d);
            }
            put(infos, 4, type);
            put(infos, 8, dataBytes);
            dataBytes += (bytes + alignment - 1) / alignment * alignment;
            tensorCount++;
        }

        private void key(String name, int type) {
            string(kv, name);
            put(kv, 4, type);
            kvCount++;
        }

        private byte[] bytes(boolean data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
            put(out, 4, version);
            count(out, tensorCount);
            count(out, kvCount);
            out.writeBytes(kv.toByteArray());
            out.writeBytes(infos.toByteArray());
            if (data) {
                out.writeBytes(new byte[(alignment - out.size() % alignment) % alignment]);
                out.writeBytes(new byte[(int) dataBytes]);
            }
            return out.toByteArray();
        }

        private void count(ByteArrayOutputStream out, long n) {
            put(out, version == 1 ? 4 : 8, n);
        }

        private void string(ByteArrayOutputStream out, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            count(out, b.length);
            out.writeBytes(b);
        }

        private static void put(ByteArrayOutputStream out, int bytes, long v) {
            out.write(
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(v)
                            .array(),
                    0,
                    bytes);
        }
    }
}
