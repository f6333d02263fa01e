package dev.modelcost.importer.safetensors;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.spi.ImportOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks the header of one safetensors file: an 8-byte little-endian length N, N bytes of UTF-8 JSON
 * (an object of tensors, each {@code {"dtype", "shape", "data_offsets": [begin, end]}}, and an optional
 * {@code "__metadata__"} map of strings), then the data section. Every length is checked against the file before it
 * is used: N against the file and the metadata limit, each range against the data section, each range's length
 * against dtype × shape; overlapping ranges are malformed. Payloads are never read.
 */
final class HeaderReader {
    static final String METADATA_KEY = "__metadata__";

    private final ModelSource source;
    private final ImportOptions options;

    private HeaderReader(ModelSource source, ImportOptions options) {
        this.source = source;
        this.options = options;
    }

    static SafetensorsHeader read(ModelSource source, ImportOptions options) throws IOException {
        return new HeaderReader(source, options).read();
    }

    private SafetensorsHeader read() throws IOException {
        int prefix = SafetensorsHeader.LENGTH_PREFIX_BYTES;
        if (source.sizeBytes() < prefix) {
            throw Problems.malformed(source, "", "shorter than the 8-byte header length of a safetensors file ("
                    + source.sizeBytes() + " bytes)");
        }
        long headerBytes = ByteBuffer.wrap(source.readBytes(0, prefix)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerBytes < 2 || headerBytes > source.sizeBytes() - prefix) {
            throw Problems.malformed(source, "byte 0", "the header length " + Long.toUnsignedString(headerBytes)
                    + " does not fit the file (" + source.sizeBytes() + " bytes)");
        }
        if (headerBytes > options.maxMetadataBytes()) {
            throw Problems.malformed(source, "byte 0", "the JSON header of " + headerBytes
                    + " bytes exceeds the limit of " + options.maxMetadataBytes() + " bytes");
        }
        byte[] json = source.readBytes(prefix, (int) headerBytes);
        long padding = 0;
        while (padding < json.length && json[json.length - 1 - (int) padding] == ' ') {
            padding++;
        }
        Map<String, Object> top = parse(json);
        long dataStart = prefix + headerBytes;
        long dataBytes = source.sizeBytes() - dataStart;
        Map<String, String> metadata = Map.of();
        List<HeaderEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : top.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(e.getValue());
                continue;
            }
            if (entries.size() >= options.maxNodes()) {
                throw Problems.malformed(source, "header", "more than " + options.maxNodes() + " tensors");
            }
            entries.add(entry(e.getKey(), e.getValue(), dataBytes));
        }
        entries.sort(Comparator.comparingLong(HeaderEntry::beginBytes).thenComparingLong(HeaderEntry::endBytes));
        long covered = 0;
        long end = 0;
        HeaderEntry previous = null;
        for (HeaderEntry t : entries) {
            if (t.bytes() == 0) {
                continue;
            }
            if (previous != null && t.beginBytes() < end) {
                throw Problems.malformed(source, "tensor '" + t.name() + "'", "its bytes [" + t.beginBytes() + ", "
                        + t.endBytes() + ") overlap those of '" + previous.name() + "' [" + previous.beginBytes() + ", "
                        + previous.endBytes() + ")");
            }
            covered += t.bytes();
            end = t.endBytes();
            previous = t;
        }
        return new SafetensorsHeader(headerBytes, padding, dataStart, dataBytes, metadata, entries,
                end - covered, dataBytes - end);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(byte[] json) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw Problems.malformed(source, "header", "the JSON header is not UTF-8");
        }
        Object v;
        try {
            v = Json.parseUniqueNames(text, options.maxMetadataBytes());
        } catch (Json.JsonException e) {
            throw Problems.malformed(source, "header", "the JSON header does not parse: " + e.getMessage());
        }
        if (!(v instanceof Map)) {
            throw Problems.malformed(source, "header", "the JSON header is not an object");
        }
        return (Map<String, Object>) v;
    }

    private Map<String, String> metadata(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw Problems.malformed(source, METADATA_KEY, "is not an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw Problems.malformed(source, METADATA_KEY, "the value of '" + e.getKey() + "' is not a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private HeaderEntry entry(String name, Object v, long dataBytes) {
        String where = "tensor '" + name + "'";
        if (!(v instanceof Map<?, ?> m)) {
            throw Problems.malformed(source, where, "is not an object");
        }
        if (!(m.get("dtype") instanceof String dtypeName)) {
            throw Problems.malformed(source, where, "has no dtype");
        }
        DType dtype = SafetensorsDTypes.of(dtypeName).orElseThrow(() ->
                Problems.unsupported(source, where, "dtype '" + dtypeName + "' is not one modelcost reads"));
        long[] shape = longs(m.get("shape"), where, "shape", options.maxTensorRank());
        long[] offsets = longs(m.get("data_offsets"), where, "data_offsets", 2);
        if (offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > dataBytes) {
            throw Problems.malformed(source, where, "data_offsets " + java.util.Arrays.toString(offsets)
                    + " do not lie in the data section of " + dataBytes + " bytes");
        }
        long elements = 1;
        for (long d : shape) {
            elements = multiply(elements, d, where);
        }
        long needBits = multiply(elements, dtype.bits(), where);
        long need = needBits / 8;
        if (needBits % 8 != 0 || offsets[1] - offsets[0] != need) {
            throw Problems.malformed(source, where, dtypeName + " " + java.util.Arrays.toString(shape) + " takes "
                    + (needBits % 8 != 0 ? needBits + " bits" : need + " bytes") + ", but data_offsets cover "
                    + (offsets[1] - offsets[0]) + " bytes");
        }
        return new HeaderEntry(name, dtypeName, dtype, shape, offsets[0], offsets[1]);
    }

    private long multiply(long a, long b, String where) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw Problems.malformed(source, where, "its shape has more elements than 64 bits count");
        }
    }

    private long[] longs(Object v, String where, String field, int maxLength) {
        if (!(v instanceof List<?> list)) {
            throw Problems.malformed(source, where, field + " is not a list of integers");
        }
        if (list.size() > maxLength) {
            throw Problems.malformed(source, where, field + " has " + list.size() + " entries, more than " + maxLength);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long n) || n < 0) {
                throw Problems.malformed(source, where, field + " holds '" + list.get(i) + "', not an integer ≥ 0");
            }
            out[i] = n;
        }
        return out;
    }
}
