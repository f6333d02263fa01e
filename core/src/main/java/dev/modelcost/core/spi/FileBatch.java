package dev.modelcost.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A batch size the model file itself fixes on a data input (a Keras {@code batch_input_shape} of [8, 50], an ONNX
 * input declared [8, 3, 224, 224]). An importer that finds one declares that axis symbolic in the graph, so that every
 * figure stays per sample and {@code --batch} scales it as for any other model, and records the file's batch here,
 * in {@link ImportedModel#metadata()}, so that the report can say which batch the file was saved for.
 *
 * @param input name of the graph's data input
 * @param axis  the axis that holds the batch (0 for the usual layouts)
 * @param size  the batch the file fixes, at least 2 (a fixed batch of 1 is per sample already)
 */
public record FileBatch(String input, int axis, long size) {
    /** Metadata keys are this prefix and the input's name; values "axis:size". */
    public static final String METADATA_PREFIX = "batch.fixedInFile.";

    public FileBatch {
        if (axis < 0 || size < 2) {
            throw new IllegalArgumentException(
                    "a file batch needs an axis >= 0 and a size >= 2, got " + axis + ", " + size);
        }
    }

    /** Adds this batch to an importer's metadata. */
    public void record(Map<String, String> metadata) {
        metadata.put(METADATA_PREFIX + input, axis + ":" + size);
    }

    /** The batches recorded in a model's metadata, in key order; malformed entries are skipped. */
    public static List<FileBatch> of(Map<String, String> metadata) {
        List<FileBatch> out = new ArrayList<>();
        metadata.keySet().stream()
                .filter(k -> k.startsWith(METADATA_PREFIX))
                .sorted()
                .forEach(k -> {
                    String[] v = metadata.get(k).split(":");
                    if (v.length == 2
                            && v[0].matches("\\d{1,9}")
                            && v[1].matches("\\d{1,18}")
                            && Long.parseLong(v[1]) >= 2) {
                        out.add(new FileBatch(
                                k.substring(METADATA_PREFIX.length()), Integer.parseInt(v[0]), Long.parseLong(v[1])));
                    }
                });
        return out;
    }

    /** What the report says about it. */
    public String sentence() {
        return "input '" + input + "' fixes the batch at " + size + " in the file (axis " + axis
                + "): figures are per sample" + " (the file's batch divided by " + size
                + "), scaled by --batch; --batch " + size + " gives the file's batch";
    }
}
