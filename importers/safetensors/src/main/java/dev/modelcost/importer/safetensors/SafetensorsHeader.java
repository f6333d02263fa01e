package dev.modelcost.importer.safetensors;

import java.util.List;
import java.util.Map;

/**
 * What one safetensors file holds besides its payloads: the 8-byte length prefix, {@code headerBytes} of JSON
 * (of which the last {@code paddingBytes} are spaces the writer added to align the data), the data section from
 * {@code dataStartBytes} on, the tensors in data order, and the bytes of the data section no tensor covers
 * (between tensors and after the last one).
 */
record SafetensorsHeader(
        long headerBytes,
        long paddingBytes,
        long dataStartBytes,
        long dataBytes,
        Map<String, String> metadata,
        List<HeaderEntry> tensors,
        long gapBytes,
        long trailingBytes) {
    static final int LENGTH_PREFIX_BYTES = 8;

    SafetensorsHeader {
        metadata = Map.copyOf(metadata);
        tensors = List.copyOf(tensors);
    }
}
