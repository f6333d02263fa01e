package dev.modelcost.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.modelcost.testdata.SmallOnnx.FLOAT;
import static dev.modelcost.testdata.SmallOnnx.INT64;
import static dev.modelcost.testdata.SmallOnnx.UINT8;

/**
 * A decoder-like stack quantized the way onnxruntime's 4-bit tools write it (com.microsoft ops, 4 bits, blocks of
 * {@code block} values with one fp32 scale each, symmetric: no zero points): input_ids [1, seq] →
 * GatherBlockQuantized embedding (uint8 [vocab, hidden / 2]) → {@code layers} × (LayerNormalization, MatMulNBits
 * q, k, v, single-head attention softmax(q·kᵀ)·v, MatMulNBits o, residual Add, LayerNormalization, MatMulNBits up
 * to 4 × hidden, SiLU, MatMulNBits down, residual Add) → hidden [1, seq, hidden]. Logical weights: vocab × hidden +
 * layers × 12 × hidden²; stored bytes about 0.625 per weight (half a byte and 4 bytes of scale per 32). With vocab
 * 32,000, hidden 2,048 and 2 layers: 166,199,296 weights in a file of about 104 MB (the speed check's model).
 */
public final class NBitsDecoderOnnx {
    private static final int BITS = 4;

    private NBitsDecoderOnnx() {}

    public static void write(Path file, long vocab, long hidden, int layers, long seq, long block) throws IOException {
        SmallOnnx m = new SmallOnnx("nbits_decoder", 17).domain("com.microsoft", 1);
        m.input("input_ids", INT64, 1, seq)
                .initializer("embed.qweight", UINT8, vocab, hidden * BITS / 8)
                .positive("embed.scales", FLOAT, vocab, hidden / block)
                .node(
                        "com.microsoft",
                        "GatherBlockQuantized",
                        List.of("embed.qweight", "input_ids", "embed.scales"),
                        List.of("h0"),
                        "block_size",
                        block,
                        "quantize_axis",
                        1L,
                        "bits",
                        (long) BITS);
        String h = "h0";
        for (int i = 0; i < layers; i++) {
            String p = "l" + i + ".";
            norm(m, p + "ln1", h, hidden);
            linear(m, p + "q", p + "ln1", hidden, hidden, block);
            linear(m, p + "k", p + "ln1", hidden, hidden, block);
            linear(m, p + "v", p + "ln1", hidden, hidden, block);
            m.node("Transpose", List.of(p + "k"), p + "kT", "perm", new long[] {0, 2, 1})
                    .node("MatMul", List.of(p + "q", p + "kT"), p + "scores")
                    .node("Softmax", List.of(p + "scores"), p + "probs", "axis", -1L)
                    .node("MatMul", List.of(p + "probs", p + "v"), p + "attn");
            linear(m, p + "o", p + "attn", hidden, hidden, block);
            m.node("Add", List.of(h, p + "o"), p + "h1");
            norm(m, p + "ln2", p + "h1", hidden);
            linear(m, p + "up", p + "ln2", hidden, 4 * hidden, block);
            m.node("Sigmoid", List.of(p + "up"), p + "gate").node("Mul", List.of(p + "up", p + "gate"), p + "silu");
            linear(m, p + "down", p + "silu", 4 * hidden, hidden, block);
            m.node("Add", List.of(p + "h1", p + "down"), p + "out");
            h = p + "out";
        }
        m.node("Identity", List.of(h), "hidden")
                .output("hidden", FLOAT, 1, seq, hidden)
                .write(file);
    }

    /** The embedding alone: ids int64 [rows, cols] → GatherBlockQuantized → [rows, cols, hidden] fp32. */
    public static void lookup(Path file, long vocab, long hidden, long rows, long cols, long block) throws IOException {
        new SmallOnnx("gather_block_quantized", 17)
                .domain("com.microsoft", 1)
                .input("ids", INT64, rows, cols)
                .initializer("table", UINT8, vocab, hidden * BITS / 8)
                .positive("table.scales", FLOAT, vocab, hidden / block)
                .node(
                        "com.microsoft",
                        "GatherBlockQuantized",
                        List.of("table", "ids", "table.scales"),
                        List.of("rows"),
                        "block_size",
                        block,
                        "gather_axis",
                        0L,
                        "quantize_axis",
                        1L,
                        "bits",
                        (long) BITS)
                .output("rows", FLOAT, rows, cols, hidden)
                .write(file);
    }

    private static void norm(SmallOnnx m, String name, String x, long hidden) {
        m.initializer(name + ".weight", FLOAT, hidden)
                .initializer(name + ".bias", FLOAT, hidden)
                .node("LayerNormalization", List.of(x, name + ".weight", name + ".bias"), name, "axis", -1L);
    }

    /** MatMulNBits: B uint8 [n, k / block, block · 4 / 8], scales fp32 [n · k / block], no zero points. */
    private static void linear(SmallOnnx m, String name, String x, long k, long n, long block) {
        m.initializer(name + ".qweight", UINT8, n, k / block, block * BITS / 8)
                .positive(name + ".scales", FLOAT, n * (k / block))
                .node(
                        "com.microsoft",
                        "MatMulNBits",
                        List.of(x, name + ".qweight", name + ".scales"),
                        List.of(name),
                        "K",
                        k,
                        "N",
                        n,
                        "bits",
                        (long) BITS,
                        "block_size",
                        block);
    }

    /** Usage: NBitsDecoderOnnx OUT.onnx [VOCAB HIDDEN LAYERS] (default 32000 2048 2: about 104 MB). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "nbits_decoder.onnx");
        long vocab = args.length > 3 ? Long.parseLong(args[1]) : 32_000;
        long hidden = args.length > 3 ? Long.parseLong(args[2]) : 2048;
        int layers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        write(out, vocab, hidden, layers, 16, 32);
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
