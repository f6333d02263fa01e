package dev.modelcost.importer.gguf;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.ImportOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GGUF file's structure (spec: ggml/docs/gguf.md): magic "GGUF", version (1–3; v1 wrote counts and string
 * lengths as 32-bit, v2 on as 64-bit), tensor and key/value counts, the key/values, the tensor infos (name, dims,
 * ggml type, offset), then pads to {@code general.alignment} (default 32) where the data section begins. Counts are
 * checked against the bytes left before they drive a loop, and every tensor against the file: a whole number of
 * blocks per row, an aligned offset, a range inside the file, no overlap.
 */
final class GgufReader {
    static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4; // GGML_MAX_DIMS
    private static final int MAX_NAME_BYTES = 64 * 1024;
    /** Tensors of one file (real files hold a few thousand); their records and IR fit the 256 MiB heap. */
    static final int MAX_TENSORS = 100_000;
    /** Key/values of one file (real files hold a few dozen). */
    static final int MAX_KEYS = 65_536;

    private GgufReader() {}

    static GgufFile read(ModelSource source, ImportOptions options) throws IOException {
        GgufCursor in = new GgufCursor(source);
        if (source.sizeBytes() < 8 || in.i32() != MAGIC) {
            throw Problems.malformed(source, "", "not a GGUF file (no 'GGUF' magic)");
        }
        long version = in.u32();
        if (version < 1 || version > 3) {
            String hint = Integer.reverseBytes((int) version) >= 1 && Integer.reverseBytes((int) version) <= 3
                    ? " (a big-endian file)"
                    : "";
            throw Problems.unsupported(source, "byte 4", "GGUF version " + version + hint + "; modelcost reads 1 to 3");
        }
        GgufValues values = new GgufValues(in, (int) version);
        long tensorCount = values.count();
        long kvCount = values.count();
        // every tensor info takes at least 24 bytes and every key/value at least 12
        int maxTensors = Math.min(options.maxNodes(), MAX_TENSORS);
        if (tensorCount < 0 || tensorCount > maxTensors || tensorCount > source.sizeBytes() / 24) {
            throw Problems.malformed(
                    source,
                    "byte 8",
                    "a tensor count of " + Long.toUnsignedString(tensorCount)
                            + " does not fit the file or the limit of " + maxTensors);
        }
        if (kvCount < 0 || kvCount > MAX_KEYS || kvCount > source.sizeBytes() / 12) {
            throw Problems.malformed(
                    source,
                    "byte 8",
                    "a key/value count of " + Long.toUnsignedString(kvCount) + " does not fit the file or the limit of "
                            + MAX_KEYS);
        }
        long headerEnd = in.position();
        Map<String, Object> kv = new LinkedHashMap<>();
        Map<String, String> kvTypes = new LinkedHashMap<>();
        long tokenizerBytes = 0;
        for (long i = 0; i < kvCount; i++) {
            long start = in.position();
            String key = values.string(MAX_NAME_BYTES);
            long type = in.u32();
            Object v = values.value(type, 0);
            if (kv.containsKey(key)) {
                throw Problems.malformed(source, "key '" + key + "'", "named twice");
            }
            kv.put(key, v);
            kvTypes.put(
                    key,
                    v instanceof GgufValues.ArraySummary a
                            ? "ARRAY[" + a.elementType() + "]"
                            : GgufValues.typeName(type));
            if (key.startsWith("tokenizer.")) {
                tokenizerBytes += in.position() - start;
            }
        }
        long kvEnd = in.position();
        long alignment = DEFAULT_ALIGNMENT;
        if (kv.containsKey("general.alignment")) {
            if (!(kv.get("general.alignment") instanceof Long a) || a <= 0 || a > (1 << 30) || (a & (a - 1)) != 0) {
                throw Problems.malformed(
                        source, "key 'general.alignment'", "is not a power of two: " + kv.get("general.alignment"));
            }
            alignment = (Long) kv.get("general.alignment");
        }
        List<GgufTensorInfo> infos = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            GgufTensorInfo t = tensorInfo(in, values, (int) version, alignment);
            if (!names.add(t.name())) {
                throw Problems.malformed(source, "tensor '" + t.name() + "'", "named twice");
            }
            infos.add(t);
        }
        long infosEnd = in.position();
        long dataStart = (infosEnd + alignment - 1) / alignment * alignment;
        if (dataStart > source.sizeBytes()) {
            if (!infos.isEmpty()) {
                throw Problems.malformed(
                        source,
                        "byte " + infosEnd,
                        "the data section would start at byte " + dataStart + ", past the end of the file ("
                                + source.sizeBytes() + " bytes)");
            }
            dataStart = -1; // vocabulary-only files end after their key/values
        }
        TensorLayout.check(source, infos, dataStart);
        return new GgufFile(
                (int) version, kv, kvTypes, infos, headerEnd, kvEnd, tokenizerBytes, infosEnd, alignment, dataStart);
    }

    private static GgufTensorInfo tensorInfo(GgufCursor in, GgufValues values, int version, long alignment)
            throws IOException {
        String name = values.string(MAX_NAME_BYTES);
        String where = "tensor '" + name + "'";
        long nDims = in.u32();
        if (nDims > MAX_DIMS) {
            throw Problems.malformed(in.source(), where, nDims + " dimensions; ggml has at most " + MAX_DIMS);
        }
        long[] dims = new long[(int) nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            dims[d] = version == 1 ? in.u32() : in.u64();
            if (dims[d] < 0) {
                throw Problems.malformed(in.source(), where, "dimension " + d + " is negative");
            }
            try {
                elements = Math.multiplyExact(elements, dims[d]);
            } catch (ArithmeticException e) {
                throw Problems.malformed(in.source(), where, "its dims have more elements than 64 bits count");
            }
        }
        long typeId = in.u32();
        GgmlType type = GgmlType.of(typeId)
                .orElseThrow(() -> Problems.unsupported(
                        in.source(), where, "ggml type " + typeId + " is not one modelcost reads"));
        long offset = in.u64();
        if (nDims > 0 && dims[0] % type.blockElements() != 0) {
            throw Problems.malformed(
                    in.source(),
                    where,
                    "rows of " + dims[0] + " values are not whole " + type + " blocks of " + type.blockElements());
        }
        if (offset < 0 || offset % alignment != 0) {
            throw Problems.malformed(
                    in.source(),
                    where,
                    "offset " + Long.toUnsignedString(offset) + " is not a multiple of the alignment " + alignment);
        }
        long bytes;
        try {
            bytes = type.bytesFor(elements);
        } catch (ArithmeticException e) {
            throw Problems.malformed(in.source(), where, "its size passes 64 bits");
        }
        return new GgufTensorInfo(name, dims, type, offset, elements, bytes);
    }
}
