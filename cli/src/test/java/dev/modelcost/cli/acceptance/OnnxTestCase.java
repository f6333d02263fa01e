package dev.modelcost.cli.acceptance;

import dev.modelcost.onnx.schema.OnnxSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One test of ONNX's operator suite as shipped by Debian's libonnx-testdata: model.onnx plus
 * test_data_set_0/{input,output}_N.pb. {@link #prepare} writes the copy that the acceptance check
 * runs on, shaped the way an exported model looks: no declared output shapes, no value_info, and the
 * inputs that are integer, boolean or at most 16 elements turned into initializers holding the test values.
 */
record OnnxTestCase(String suite, String name, Path dir) {
    static final int SMALL_INPUT_ELEMENTS = 16;

    /** Graph output types are tensors (not sequences, maps or optionals). */
    boolean outputsAreTensors() throws IOException {
        OnnxSchema.Graph g = model().getGraph();
        return g.getOutputCount() > 0
                && g.getOutputList().stream().allMatch(v -> v.getType().hasTensorType());
    }

    OnnxSchema.Model model() throws IOException {
        return OnnxSchema.Model.parseFrom(Files.readAllBytes(dir.resolve("model.onnx")));
    }

    /** Dims of test_data_set_0/output_N.pb, in output order. */
    List<long[]> expectedOutputDims() throws IOException {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            Path p = dir.resolve("test_data_set_0/output_" + i + ".pb");
            if (!Files.exists(p)) {
                return out;
            }
            OnnxSchema.Tensor t = OnnxSchema.Tensor.parseFrom(Files.readAllBytes(p));
            out.add(t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** Writes the prepared copy to {@code target} and returns its path. */
    Path prepare(Path target) throws IOException {
        OnnxSchema.Model model = model();
        OnnxSchema.Graph g = model.getGraph();
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        OnnxSchema.Graph.Builder gb =
                g.toBuilder().clearValueInfo().clearInput().clearOutput();
        for (OnnxSchema.ValueInfo out : g.getOutputList()) {
            gb.addOutput(withoutShape(out));
        }
        int dataIndex = 0;
        boolean movedToInitializer = false;
        for (OnnxSchema.ValueInfo in : g.getInputList()) {
            if (initializers.contains(in.getName())) {
                gb.addInput(in);
                continue;
            }
            Path pb = dir.resolve("test_data_set_0/input_" + dataIndex++ + ".pb");
            if (in.getType().hasTensorType() && Files.exists(pb)) {
                OnnxSchema.Tensor data = OnnxSchema.Tensor.parseFrom(Files.readAllBytes(pb));
                if (isIntegerOrBool(data.getDataType()) || elements(data) <= SMALL_INPUT_ELEMENTS) {
                    gb.addInitializer(data.toBuilder().setName(in.getName()));
                    movedToInitializer = true;
                    continue;
                }
            }
            gb.addInput(in);
        }
        OnnxSchema.Model.Builder mb = model.toBuilder().setGraph(gb);
        if (movedToInitializer && model.getIrVersion() < 4) {
            mb.setIrVersion(4); // from IR 4 on, initializers need not be listed as graph inputs
        }
        Path file = target.resolve(suite).resolve(name).resolve("model.onnx");
        Files.createDirectories(file.getParent());
        Files.write(file, mb.build().toByteArray());
        return file;
    }

    private static OnnxSchema.ValueInfo withoutShape(OnnxSchema.ValueInfo v) {
        if (!v.getType().hasTensorType()) {
            return v;
        }
        OnnxSchema.Type.TensorType tt =
                v.getType().getTensorType().toBuilder().clearShape().build();
        return v.toBuilder().setType(v.getType().toBuilder().setTensorType(tt)).build();
    }

    private static long elements(OnnxSchema.Tensor t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** ONNX TensorProto.DataType codes of the integer types and bool. */
    private static boolean isIntegerOrBool(int code) {
        return switch (code) {
            case 2, 3, 4, 5, 6, 7, 9, 12, 13, 21, 22 -> true;
            default -> false;
        };
    }
}
