package dev.modelcost.importer.safetensors;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.spi.ImportOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    /**
     * Tensors one file may declare: real checkpoints hold thousands per file at most, and this many records (and their
     * IR tensors) fit the 256 MiB heap modelcost runs in.
     */
    static final int MAX_TENSORS = 100_000;

    private static final int UTF8_WINDOW_CHARS = 8192;

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
            throw Problems.malformed(
                    source,
                    "",
                    "shorter than the 8-byte header length of a safetensors file (" + source.sizeBytes() + " bytes)");
        }
        long headerBytes = ByteBuffer.wrap(source.readBytes(0, prefix))
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        if (headerBytes < 2 || headerBytes > source.sizeBytes() - prefix) {
            throw Problems.malformed(
                    source,
                    "byte 0",
                    "the header length " + Long.toUnsignedString(headerBytes) + " does not fit the file ("
                            + source.sizeBytes() + " bytes)");
        }
        if (headerBytes > options.maxMetadataBytes()) {
            throw Problems.malformed(
                    source,
                    "byte 0",
                    "the JSON header of " + headerBytes + " bytes exceeds the limit of " + options.maxMetadataBytes()
                            + " bytes");
        }
        byte[] json = source.readBytes(prefix, (int) headerBytes);
        long padding = 0;
        while (padding < json.length && json[json.length - 1 - (int) padding] == ' ') {
            padding++;
        }
        checkUtf8(json);
        String text = new String(json, StandardCharsets.UTF_8);
        json = null; // the header's bytes need not outlive its text: a 64 MiB header is held once, not twice
        long dataStart = prefix + headerBytes;
        long dataBytes = source.sizeBytes() - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<HeaderEntry> entries = new ArrayList<>();
        int maxTensors = Math.min(options.maxNodes(), MAX_TENSORS);
        // member by member: a header of a million tiny entries costs their records, refused past the limit
        parse(text, (name, value) -> {
            if (name.equals(METADATA_KEY)) {
                metadata.putAll(metadata(value));
                return;
            }
            if (entries.size() >= maxTensors) {
                throw Problems.malformed(source, "header", "more than " + maxTensors + " tensors in one file");
            }
            entries.add(entry(name, value, dataBytes));
        });
        entries.sort(Comparator.comparingLong(HeaderEntry::beginBytes).thenComparingLong(HeaderEntry::endBytes));
        long covered = 0;
        long end = 0;
        HeaderEntry previous = null;
        for (HeaderEntry t : entries) {
            if (t.bytes() == 0) {
                continue;
            }
            if (previous != null && t.beginBytes() < end) {
                throw Problems.malformed(
                        source,
                        "tensor '" + t.name() + "'",
                        "its bytes [" + t.beginBytes() + ", "
                                + t.endBytes() + ") overlap those of '" + previous.name() + "' ["
                                + previous.beginBytes() + ", "
                                + previous.endBytes() + ")");
            }
            covered += t.bytes();
            end = t.endBytes();
            previous = t;
        }
        return new SafetensorsHeader(
                headerBytes, padding, dataStart, dataBytes, metadata, entries, end - covered, dataBytes - end);
    }

    private void parse(String text, Json.MemberVisitor visitor) {
        try {
            Json.forEachMember(text, options.maxMetadataBytes(), visitor);
        } catch (Json.JsonException e) {
            throw Problems.malformed(source, "header", "the JSON header does not parse: " + e.getMessage());
        }
    }

    /** Refuses bytes that are not UTF-8, decoding through a small window (no copy of the header is made). */
    private void checkUtf8(byte[] json) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(json);
        CharBuffer window = CharBuffer.allocate(UTF8_WINDOW_CHARS);
        while (true) {
            CoderResult r = decoder.decode(in, window, true);
            if (r.isError()) {
                throw Problems.malformed(
                        source,
                        "header",
                        "the JSON header is not UTF-8 (byte " + (SafetensorsHeader.LENGTH_PREFIX_BYTES + in.position())
                                + ")");
            }
            window.clear();
            if (r.isUnderflow()) {
                return;
            }
        }
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
        DType dtype = SafetensorsDTypes.of(dtypeName)
                .orElseThrow(() ->
                        Problems.unsupported(source, where, "dtype '" + dtypeName + "' is not one modelcost reads"));
        long[] shape = longs(m.get("shape"), where, "shape", options.maxTensorRank());
        long[] offsets = longs(m.get("data_offsets"), where, "data_offsets", 2);
        if (offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > dataBytes) {
            throw Problems.malformed(
                    source,
                    where,
                    "data_offsets " + Arrays.toString(offsets) + " do not lie in the data section of " + dataBytes
                            + " bytes");
        }
        long elements = 1;
        for (long d : shape) {
            elements = multiply(elements, d, where);
        }
        long needBits = multiply(elements, dtype.bits(), where);
        long need = needBits / 8;
        if (needBits % 8 != 0 || offsets[1] - offsets[0] != need) {
            throw Problems.malformed(
                    source,
                    where,
                    dtypeName + " " + Arrays.toString(shape) + " takes "
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
