package dev.modelcost.testdata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A DeepLearning4J ModelSerializer zip (what {@code ModelSerializer.writeModel(net, file, false)} writes): the
 * MultiLayerConfiguration as configuration.json and the flattened parameters as coefficients.bin, one ND4J
 * array in its binary form. The network: DenseLayer 4 → 3 (relu), OutputLayer 3 → 2 (softmax), plain SGD.
 */
public final class Dl4jZipFixture {
    /** DenseLayer 4→3: W 4·3 + b 3; OutputLayer 3→2: W 3·2 + b 2. */
    public static final long WEIGHTS = 4 * 3 + 3 * 2;

    public static final long BIASES = 3 + 2;
    public static final long PARAMETERS = WEIGHTS + BIASES;

    private static final String SGD = "{\"@class\":\"org.nd4j.linalg.learning.config.Sgd\",\"learningRate\":0.1}";
    static final String CONFIG = "{\"confs\":["
            + layer("org.deeplearning4j.nn.conf.layers.DenseLayer", "hidden", 4, 3, "ActivationReLU", "")
            + ","
            + layer(
                    "org.deeplearning4j.nn.conf.layers.OutputLayer",
                    "out",
                    3,
                    2,
                    "ActivationSoftmax",
                    ",\"lossFn\":{\"@class\":\"org.nd4j.linalg.lossfunctions.impl.LossMCXENT\"}")
            + "],\"inputPreProcessors\":{},\"dataType\":\"FLOAT\"}";

    private Dl4jZipFixture() {}

    private static String layer(String cls, String name, int nIn, int nOut, String activation, String extra) {
        return "{\"layer\":{\"@class\":\"" + cls + "\",\"layerName\":\"" + name + "\",\"nin\":" + nIn + ",\"nout\":"
                + nOut
                + ",\"activationFn\":{\"@class\":\"org.nd4j.linalg.activations.impl." + activation + "\"}"
                + ",\"iupdater\":" + SGD + extra + "},\"variables\":[\"W\",\"b\"]}";
    }

    public static void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            zip.write(CONFIG.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("coefficients.bin"));
            zip.write(floatRowVector(PARAMETERS));
            zip.closeEntry();
        }
    }

    /**
     * ND4J's binary array form (Nd4j.write, 1.0.0-beta onwards), big-endian as DataOutputStream writes it: the
     * shape-info buffer (allocation mode, length, "LONG", then rank 2, shape [1, n], strides [n, 1], extras 0,
     * element-wise stride 1, order 'c'), then the data buffer (allocation mode, length, "FLOAT", n zero floats).
     */
    static byte[] floatRowVector(long n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        long[] shapeInfo = {2, 1, n, n, 1, 0, 1, 'c'};
        d.writeUTF("MIXED_DATA_TYPES");
        d.writeLong(shapeInfo.length);
        d.writeUTF("LONG");
        for (long v : shapeInfo) {
            d.writeLong(v);
        }
        d.writeUTF("MIXED_DATA_TYPES");
        d.writeLong(n);
        d.writeUTF("FLOAT");
        d.write(new byte[Math.toIntExact(4 * n)]);
        return bytes.toByteArray();
    }
}
