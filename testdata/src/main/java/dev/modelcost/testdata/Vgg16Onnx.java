package dev.modelcost.testdata;

import dev.modelcost.onnx.schema.OnnxSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * VGG-16 (configuration D of Simonyan and Zisserman, 2014) as a real ONNX file written by our own code:
 * 13 3×3 convolutions with ReLU, 5 max-pools, three fully connected layers, softmax; input 1×3×224×224.
 * The "keras" layout ends in Softmax as Keras's VGG16 does; the "torchvision" layout has the
 * 7×7 adaptive average pool (exported as a 1×1 AveragePool) before the classifier and no softmax.
 */
public final class Vgg16Onnx {
    public enum Layout {
        KERAS,
        TORCHVISION
    }

    private static final int[][] BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};

    private Vgg16Onnx() {}

    public static void write(Path file, Layout layout, StreamingOnnxWriter.Payload payload) throws IOException {
        StreamingOnnxWriter w = new StreamingOnnxWriter(8, 13, "modelcost-testdata");
        OnnxSchema.Graph.Builder g = w.graph().setName("vgg16");
        g.addInput(value("input", 1, 3, 224, 224));
        String x = "input";
        int channels = 3;
        for (int b = 0; b < BLOCKS.length; b++) {
            for (int c = 0; c < BLOCKS[b].length; c++) {
                String layer = "block" + (b + 1) + "_conv" + (c + 1);
                int out = BLOCKS[b][c];
                w.addInitializer(layer + ".weight", out, channels, 3, 3);
                w.addInitializer(layer + ".bias", out);
                g.addNode(node(layer, "Conv", List.of(x, layer + ".weight", layer + ".bias"), layer + "_out")
                        .addAttribute(ints("kernel_shape", 3, 3))
                        .addAttribute(ints("pads", 1, 1, 1, 1))
                        .addAttribute(ints("strides", 1, 1)));
                g.addNode(node(layer + "_relu", "Relu", List.of(layer + "_out"), layer + "_relu_out"));
                x = layer + "_relu_out";
                channels = out;
            }
            String pool = "block" + (b + 1) + "_pool";
            g.addNode(node(pool, "MaxPool", List.of(x), pool + "_out")
                    .addAttribute(ints("kernel_shape", 2, 2))
                    .addAttribute(ints("strides", 2, 2)));
            x = pool + "_out";
        }
        if (layout == Layout.TORCHVISION) {
            g.addNode(node("avgpool", "AveragePool", List.of(x), "avgpool_out")
                    .addAttribute(ints("kernel_shape", 1, 1))
                    .addAttribute(ints("strides", 1, 1)));
            x = "avgpool_out";
        }
        g.addNode(node("flatten", "Flatten", List.of(x), "flatten_out"));
        x = "flatten_out";
        long in = 512L * 7 * 7;
        String[] fcs = {"fc1", "fc2", "predictions"};
        long[] units = {4096, 4096, 1000};
        for (int i = 0; i < fcs.length; i++) {
            w.addInitializer(fcs[i] + ".weight", units[i], in);
            w.addInitializer(fcs[i] + ".bias", units[i]);
            g.addNode(node(fcs[i], "Gemm", List.of(x, fcs[i] + ".weight", fcs[i] + ".bias"), fcs[i] + "_out")
                    .addAttribute(OnnxSchema.Attribute.newBuilder()
                            .setName("transB")
                            .setType(OnnxSchema.Attribute.Kind.INT)
                            .setI(1)));
            x = fcs[i] + "_out";
            if (i < 2) {
                g.addNode(node(fcs[i] + "_relu", "Relu", List.of(x), fcs[i] + "_relu_out"));
                x = fcs[i] + "_relu_out";
            }
            in = units[i];
        }
        if (layout == Layout.KERAS) {
            g.addNode(node("softmax", "Softmax", List.of(x), "probabilities")
                    .addAttribute(OnnxSchema.Attribute.newBuilder()
                            .setName("axis")
                            .setType(OnnxSchema.Attribute.Kind.INT)
                            .setI(1)));
            x = "probabilities";
        }
        g.addOutput(value(x, 1, 1000));
        w.write(file, payload);
    }

    private static OnnxSchema.Node.Builder node(String name, String op, List<String> inputs, String output) {
        return OnnxSchema.Node.newBuilder()
                .setName(name)
                .setOpType(op)
                .addAllInput(inputs)
                .addOutput(output);
    }

    private static OnnxSchema.Attribute.Builder ints(String name, long... v) {
        OnnxSchema.Attribute.Builder a =
                OnnxSchema.Attribute.newBuilder().setName(name).setType(OnnxSchema.Attribute.Kind.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a;
    }

    /** An fp32 value of the given dims. */
    private static OnnxSchema.ValueInfo value(String name, long... dims) {
        return SmallOnnx.value(name, SmallOnnx.FLOAT, dims);
    }

    /** Usage: Vgg16Onnx OUT.onnx [keras|torchvision]. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "examples/vgg16.onnx");
        Layout layout = args.length > 1 && args[1].equalsIgnoreCase("torchvision") ? Layout.TORCHVISION : Layout.KERAS;
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        write(out, layout, StreamingOnnxWriter.Payload.PSEUDO_RANDOM);
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
