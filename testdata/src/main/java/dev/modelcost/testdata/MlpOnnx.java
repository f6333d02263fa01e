package dev.modelcost.testdata;

import dev.modelcost.onnx.schema.OnnxSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A plain multilayer perceptron as a real ONNX file, sized by its width and depth: input 1×width, then
 * {@code layers} × (Gemm width→width with bias, Relu). Parameters = layers × (width² + width); with
 * width 2048 and 6 layers that is 25,178,112 fp32 elements, a file of about 100 MB (the benchmark's
 * middle size).
 */
public final class MlpOnnx {
    private MlpOnnx() {}

    public static void write(Path file, int width, int layers, StreamingOnnxWriter.Payload payload) throws IOException {
        StreamingOnnxWriter w = new StreamingOnnxWriter(8, 13, "modelcost-testdata");
        OnnxSchema.Graph.Builder g = w.graph().setName("mlp" + width + "x" + layers);
        g.addInput(value("input", 1, width));
        String x = "input";
        for (int i = 1; i <= layers; i++) {
            String fc = "fc" + i;
            w.addInitializer(fc + ".weight", width, width);
            w.addInitializer(fc + ".bias", width);
            g.addNode(OnnxSchema.Node.newBuilder()
                    .setName(fc)
                    .setOpType("Gemm")
                    .addAllInput(List.of(x, fc + ".weight", fc + ".bias"))
                    .addOutput(fc + "_out")
                    .addAttribute(OnnxSchema.Attribute.newBuilder()
                            .setName("transB")
                            .setType(OnnxSchema.Attribute.Kind.INT)
                            .setI(1)));
            g.addNode(OnnxSchema.Node.newBuilder()
                    .setName(fc + "_relu")
                    .setOpType("Relu")
                    .addInput(fc + "_out")
                    .addOutput(fc + "_relu_out"));
            x = fc + "_relu_out";
        }
        g.addOutput(value(x, 1, width));
        w.write(file, payload);
    }

    /** An fp32 value of the given dims. */
    private static OnnxSchema.ValueInfo value(String name, long... dims) {
        return SmallOnnx.value(name, SmallOnnx.FLOAT, dims);
    }

    /** Usage: MlpOnnx OUT.onnx [WIDTH [LAYERS]] (default 2048 × 6, about 100 MB). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "mlp.onnx");
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        write(out, width, layers, StreamingOnnxWriter.Payload.PSEUDO_RANDOM);
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
