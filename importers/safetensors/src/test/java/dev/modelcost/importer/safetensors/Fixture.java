package dev.modelcost.importer.safetensors;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes small safetensors files for tests: tensors laid out one after another, payload bytes zero. */
final class Fixture {
    private final List<String> entries = new ArrayList<>();
    private String metadata = "";
    private long offset;

    Fixture tensor(String name, String dtype, long bytes, long... shape) {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(s.length() == 0 ? "" : ",").append(d);
        }
        entries.add("\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + s + "],\"data_offsets\":[" + offset
                + "," + (offset + bytes) + "]}");
        offset += bytes;
        return this;
    }

    /** An entry written as given (for ranges that lie). */
    Fixture raw(String entry) {
        entries.add(entry);
        return this;
    }

    Fixture metadata(String json) {
        metadata = "\"__metadata__\":" + json;
        return this;
    }

    byte[] bytes() {
        return bytes(offset);
    }

    byte[] bytes(long dataBytes) {
        List<String> all = new ArrayList<>(entries);
        if (!metadata.isEmpty()) {
            all.add(0, metadata);
        }
        byte[] json = ("{" + String.join(",", all) + "}").getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(padded)
                .array());
        out.writeBytes(json);
        out.writeBytes(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[(int) dataBytes]);
        return out.toByteArray();
    }
}
