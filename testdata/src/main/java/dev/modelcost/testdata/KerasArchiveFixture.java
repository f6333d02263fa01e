package dev.modelcost.testdata;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Keras 3 native archive (what {@code model.save("m.keras")} writes): a zip of metadata.json, config.json and
 * model.weights.h5, the weights stored uncompressed as Keras stores them, under {@code layers/<name>/vars/<i>}.
 * The model: Input(4) → Dense (4 → 3) → Dense (3 → 2), weights all zero.
 */
public final class KerasArchiveFixture {
    /** Dense 4→3: 4·3 kernel + 3 bias; Dense 3→2: 3·2 kernel + 2 bias. */
    public static final long WEIGHTS = 4 * 3 + 3 * 2;

    public static final long BIASES = 3 + 2;
    public static final long PARAMETERS = WEIGHTS + BIASES;

    static final String CONFIG =
            """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4], "dtype": "float32", "name": "input_layer"}},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": "relu", "use_bias": true}},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense_1", "units": 2, "activation": "softmax", "use_bias": true}}]}}
        """;

    private KerasArchiveFixture() {}

    /** Writes the archive; {@code scratch} is a folder for the HDF5 weights file before it goes into the zip. */
    public static void write(Path file, Path scratch) throws IOException {
        Path h5 = scratch.resolve("model.weights.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            WritableGroup layers = f.putGroup("layers");
            dense(layers, "dense", new float[4][3], new float[3]);
            dense(layers, "dense_1", new float[3][2], new float[2]);
        }
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            put(
                    zip,
                    "metadata.json",
                    "{\"keras_version\": \"3.6.0\", \"date_saved\": \"2024-10-01@00:00:00\"}"
                            .getBytes(StandardCharsets.UTF_8));
            put(zip, "config.json", CONFIG.strip().getBytes(StandardCharsets.UTF_8));
            put(zip, "model.weights.h5", Files.readAllBytes(h5));
        }
    }

    private static void dense(WritableGroup layers, String name, float[][] kernel, float[] bias) {
        WritableGroup vars = layers.putGroup(name).putGroup("vars");
        vars.putDataset("0", kernel);
        vars.putDataset("1", bias);
    }

    /** Every entry stored (Keras stores the weights file; a stored entry is read in place). */
    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
