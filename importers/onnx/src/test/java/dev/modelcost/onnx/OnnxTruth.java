package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The facts every corpus ONNX truth file states, whichever of the two truth schemas it uses: the first corpus
 * ({@code <name>.truth.json} with an {@code onnx} section) or {@code onnx/real} ({@code <file>.onnx.truth.json},
 * flat, README of that folder). The real/ schema states no payload bytes, and numpy's sizes are not the file's
 * where values sit in varint fields (int64_data), so there protobuf's own parser counts the payload bytes in the file.
 */
record OnnxTruth(long fileBytes, long externalBytes, long payloadBytes, long storedElements, JsonNode json) {

    static OnnxTruth of(Path model) throws Exception {
        Path realSchema = model.resolveSibling(model.getFileName() + ".truth.json");
        if (realSchema.toFile().isFile()) {
            return ofReal(model, Corpus.truth(realSchema));
        }
        String name = model.getFileName().toString().replace(".onnx", "");
        JsonNode onnx = Corpus.truth(model.resolveSibling(name + ".truth.json")).get("onnx");
        long external = 0;
        for (JsonNode size : onnx.get("external_data").get("external_files")) {
            external += size.asLong();
        }
        JsonNode constants = onnx.get("constant_node_tensors");
        return new OnnxTruth(
                onnx.get("file_size_bytes").asLong(),
                external,
                onnx.get("initializer_bytes_numpy_nbytes").asLong()
                        + constants.get("bytes").asLong(),
                onnx.get("initializer_elements").asLong()
                        + constants.get("elements").asLong(),
                onnx);
    }

    private static OnnxTruth ofReal(Path model, JsonNode t) throws Exception {
        for (JsonNode f : t.get("external_data")) { // absent files (silero nodata) add no bytes on disk
            if (f.get("present").asBoolean()) {
                throw new IllegalStateException("external data present in onnx/real: payload oracle needed");
            }
        }
        long inline = ProtoFraming.tensorPayloadBytes(OnnxSchema.Model.parseFrom(Files.readAllBytes(model)));
        return new OnnxTruth(
                t.get("bytes").asLong(),
                0,
                inline,
                t.get("stored_tensor_elements").asLong(),
                t);
    }
}
