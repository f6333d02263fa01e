package dev.modelcost.testdata.fuzz;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.modelcost.onnx.schema.OnnxSchema;
import dev.modelcost.testsupport.Prerequisites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzz seeds made at run time from the shared corpus (never copied into the repository). Weight payloads
 * carry no structure, so ONNX seeds are the corpus models with every large payload replaced by an
 * external-data reference to a file that is not there: a few kilobytes each, with all of the structure.
 * Debian's libonnx-testdata models (one per operator test) are added where that package is installed.
 */
final class FuzzSeeds {
    /** Payloads up to this size stay inline: shape, axes and scale constants that shape inference reads. */
    private static final int INLINE_PAYLOAD_BYTES = 256;

    private static final Path LIBONNX_TESTDATA = Path.of("/usr/share/libonnx-testdata/data");

    private FuzzSeeds() {}

    static Path corpus() {
        return Prerequisites.corpus();
    }

    static List<Path> corpusFiles(String... extensions) {
        String pattern = ".*\\.(" + String.join("|", extensions) + ")$";
        try (Stream<Path> s = Files.walk(corpus())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(pattern))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Structure-only copies of every corpus ONNX model, then every fourth libonnx-testdata model. */
    static List<byte[]> onnx() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : corpusFiles("onnx")) {
            try {
                seeds.add(skeleton(Files.readAllBytes(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(p.toString(), e);
            }
        }
        if (Files.isDirectory(LIBONNX_TESTDATA)) {
            try (Stream<Path> s = Files.walk(LIBONNX_TESTDATA)) {
                List<Path> models = s.filter(p -> p.getFileName().toString().equals("model.onnx"))
                        .sorted()
                        .toList();
                for (int i = 0; i < models.size(); i += 4) {
                    byte[] b = Files.readAllBytes(models.get(i));
                    seeds.add(b.length > 16 * 1024 ? skeleton(b) : b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    static byte[] skeleton(byte[] model) throws InvalidProtocolBufferException {
        OnnxSchema.Model.Builder m = OnnxSchema.Model.parseFrom(model).toBuilder();
        if (!m.hasGraph()) {
            return model;
        }
        OnnxSchema.Graph.Builder g = m.getGraphBuilder();
        g.getInitializerBuilderList().forEach(FuzzSeeds::externalize);
        for (OnnxSchema.Node.Builder n : g.getNodeBuilderList()) {
            for (OnnxSchema.Attribute.Builder a : n.getAttributeBuilderList()) {
                if (a.hasT()) {
                    externalize(a.getTBuilder());
                }
            }
        }
        return m.build().toByteArray();
    }

    private static void externalize(OnnxSchema.Tensor.Builder t) {
        long payload = t.getRawData().size()
                + 4L * t.getFloatDataCount()
                + 4L * t.getInt32DataCount()
                + 8L * t.getInt64DataCount()
                + 8L * t.getDoubleDataCount()
                + 8L * t.getUint64DataCount();
        if (payload <= INLINE_PAYLOAD_BYTES || t.getDataLocation() == OnnxSchema.Tensor.Location.EXTERNAL) {
            return;
        }
        t.clearRawData()
                .clearFloatData()
                .clearInt32Data()
                .clearInt64Data()
                .clearDoubleData()
                .clearUint64Data()
                .clearExternalData()
                .setDataLocation(OnnxSchema.Tensor.Location.EXTERNAL)
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("location").setValue("weights.bin"))
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("length").setValue(Long.toString(payload)));
    }

    /** Corpus Keras files up to {@code maxBytes}, as they are: HDF5 has no payload-free form to make cheaply. */
    static List<byte[]> keras(int maxBytes) {
        return small(corpusFiles("h5", "hdf5", "keras"), maxBytes);
    }

    /** Corpus DL4J ModelSerializer zips up to {@code maxBytes}, as they are. */
    static List<byte[]> dl4j(int maxBytes) {
        List<Path> files = new ArrayList<>();
        for (Path p : corpusFiles("zip", "bin")) {
            if (p.toString().contains("/dl4j/")) {
                files.add(p);
            }
        }
        return small(files, maxBytes);
    }

    /** Corpus TFLite flatbuffers up to {@code maxBytes} (some are named .bin upstream), as they are. */
    static List<byte[]> tflite(int maxBytes) {
        List<Path> files = new ArrayList<>();
        for (Path p : corpusFiles("tflite", "bin")) {
            if (p.toString().contains("/tflite/")) {
                files.add(p);
            }
        }
        return small(files, maxBytes);
    }

    /** Corpus torch.save files (zip and legacy streams) up to {@code maxBytes}, as they are. */
    static List<byte[]> pytorch(int maxBytes) {
        List<Path> files = new ArrayList<>();
        for (Path p : corpusFiles("pt", "pth", "bin")) {
            if (p.toString().contains("/pytorch/")) {
                files.add(p);
            }
        }
        return small(files, maxBytes);
    }

    private static List<byte[]> small(List<Path> files, int maxBytes) {
        List<byte[]> out = new ArrayList<>();
        for (Path p : files) {
            try {
                if (Files.size(p) <= maxBytes) {
                    out.add(Files.readAllBytes(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(p.toString(), e);
            }
        }
        return out;
    }
}
