package dev.modelcost.testdata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-gigabyte Llama-shaped safetensors checkpoint written sparsely (seconds, a few kilobytes on disk): the JSON
 * header, then for every tensor only its first 8 bytes (its index, so that the duplicate check tells the tensors
 * apart at once, as it does for trained weights); the rest is a hole that reads as zeros. A Hugging Face
 * {@code config.json} with the same hyperparameters is written beside it. bf16 tensors, hidden size 4,096, MLP
 * 11,008, vocabulary 32,000 (Llama-2-7B's shapes); blocks are added until the file reaches the requested size.
 * <p>
 * {@code java -cp testdata.jar dev.modelcost.testdata.SparseSafetensors OUT.safetensors [GIB]} (default 4 GiB).
 */
public final class SparseSafetensors {
    static final int HIDDEN = 4096;
    static final int MLP = 11008;
    static final int VOCAB = 32000;
    private static final int BF16_BYTES = 2;

    private SparseSafetensors() {}

    record Entry(String name, long[] shape) {
        long bytes() {
            long n = BF16_BYTES;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** The tensors of a checkpoint of at least {@code minBytes}: embedding, blocks until the size is reached, head. */
    static List<Entry> tensors(long minBytes) {
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("model.embed_tokens.weight", new long[] {VOCAB, HIDDEN}));
        out.add(new Entry("lm_head.weight", new long[] {VOCAB, HIDDEN}));
        out.add(new Entry("model.norm.weight", new long[] {HIDDEN}));
        long total = out.stream().mapToLong(Entry::bytes).sum();
        for (int layer = 0; total < minBytes; layer++) {
            String p = "model.layers." + layer + ".";
            List<Entry> block = List.of(
                    new Entry(p + "input_layernorm.weight", new long[] {HIDDEN}),
                    new Entry(p + "self_attn.q_proj.weight", new long[] {HIDDEN, HIDDEN}),
                    new Entry(p + "self_attn.k_proj.weight", new long[] {HIDDEN, HIDDEN}),
                    new Entry(p + "self_attn.v_proj.weight", new long[] {HIDDEN, HIDDEN}),
                    new Entry(p + "self_attn.o_proj.weight", new long[] {HIDDEN, HIDDEN}),
                    new Entry(p + "post_attention_layernorm.weight", new long[] {HIDDEN}),
                    new Entry(p + "mlp.gate_proj.weight", new long[] {MLP, HIDDEN}),
                    new Entry(p + "mlp.up_proj.weight", new long[] {MLP, HIDDEN}),
                    new Entry(p + "mlp.down_proj.weight", new long[] {HIDDEN, MLP}));
            out.addAll(block);
            total += block.stream().mapToLong(Entry::bytes).sum();
        }
        return out;
    }

    /** Writes the checkpoint and its config.json; returns the number of transformer blocks. */
    public static int write(Path file, long minBytes) throws IOException {
        List<Entry> tensors = tensors(minBytes);
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Entry t : tensors) {
            json.append(",\"")
                    .append(t.name())
                    .append("\":{\"dtype\":\"BF16\",\"shape\":[")
                    .append(t.shape()[0])
                    .append(t.shape().length > 1 ? "," + t.shape()[1] : "")
                    .append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + t.bytes())
                    .append("]}");
            offset += t.bytes();
        }
        json.append('}');
        while ((8 + json.length()) % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        long dataStart = 8L + header.length;
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length), 0);
            ch.write(ByteBuffer.wrap(header), 8);
            long at = dataStart;
            for (int i = 0; i < tensors.size(); i++) {
                ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, i + 1), at);
                at += tensors.get(i).bytes();
            }
            ch.write(ByteBuffer.wrap(new byte[1]), dataStart + offset - 1); // the file's full length, as a hole
        }
        int layers = (int)
                tensors.stream().filter(t -> t.name().endsWith("q_proj.weight")).count();
        Files.writeString(
                file.resolveSibling("config.json"),
                "{\"architectures\": [\"LlamaForCausalLM\"], "
                        + "\"model_type\": \"llama\", \"hidden_size\": " + HIDDEN + ", \"intermediate_size\": " + MLP
                        + ", \"num_hidden_layers\": " + layers
                        + ", \"num_attention_heads\": 32, \"num_key_value_heads\": 32, "
                        + "\"max_position_embeddings\": 4096, \"vocab_size\": " + VOCAB
                        + ", \"torch_dtype\": \"bfloat16\"}\n");
        return layers;
    }

    public static void main(String[] args) throws IOException {
        long gib = args.length > 1 ? Long.parseLong(args[1]) : 4;
        int layers = write(Path.of(args[0]), gib << 30);
        System.out.println(args[0] + ": " + Files.size(Path.of(args[0])) + " bytes, " + layers + " blocks");
    }
}
