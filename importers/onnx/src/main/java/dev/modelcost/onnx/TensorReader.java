package dev.modelcost.onnx;

import com.google.protobuf.WireFormat;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.Diagnostic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one TensorProto: name, dims, element type and where its payload is (inline raw_data, typed
 * fields, or external data). Payloads are skipped; only tensors small enough to be shapes, axes or
 * scales (at most {@link ConstantValues#MAX_ELEMENTS} values) are read, since shape inference needs them.
 */
final class TensorReader {
    private static final int SMALL_PAYLOAD_BYTES = ConstantValues.MAX_ELEMENTS * 8;

    private final ProtoCursor in;
    private final ExternalData external;
    private final ImportTally tally;
    private final int maxRank;

    TensorReader(ProtoCursor in, ExternalData external, ImportTally tally, int maxRank) {
        this.in = in;
        this.external = external;
        this.tally = tally;
        this.maxRank = maxRank;
    }

    /** Reads the message that starts after a tag read at {@code tagOffset}. */
    Tensor read(long tagOffset, String fallbackName) throws IOException {
        StructureLedger ledger = tally.structure;
        ledger.begin(StructureLedger.Part.TENSOR);
        int token = in.enter();
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = fallbackName;
        byte[] smallRaw = null;
        long payloadOffset = -1;
        long payloadBytes = 0;
        boolean typed = false;
        List<Long> typedLongs = new ArrayList<>();
        List<Double> typedDoubles = new ArrayList<>();
        boolean typedTooBig = false;
        Map<String, String> externalData = new LinkedHashMap<>();
        boolean externalLocation = false;
        List<String> strings = new ArrayList<>();
        int tag;
        while ((tag = in.tag()) != 0) {
            int field = ProtoCursor.field(tag);
            int wire = ProtoCursor.wireType(tag);
            switch (field) {
                case 1 -> readInts(wire, dims, true);
                case 2 -> dataType = (int) in.varint();
                case 3 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int segment = in.enter();
                        in.walk(MessageKind.SEGMENT, 0);
                        in.leave(segment);
                    } else {
                        in.skipField(tag);
                    }
                }
                case 8 -> {
                    name = in.string(64 * 1024);
                    ledger.name(in.lastLength());
                }
                case 12 -> ledger.docString(in.skipContent(tag));
                case 9 -> {
                    int len = in.length();
                    payloadOffset = in.position();
                    payloadBytes += len;
                    if (len <= SMALL_PAYLOAD_BYTES) {
                        smallRaw = in.bytes(len);
                    } else {
                        in.skip(len);
                    }
                }
                case 4, 5, 7, 10, 11 -> {
                    typed = true;
                    long start = in.position();
                    if (payloadOffset < 0) {
                        payloadOffset = start;
                    }
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int len = in.length();
                        long dataStart = in.position();
                        if (len > SMALL_PAYLOAD_BYTES) {
                            typedTooBig = true;
                            in.skip(len);
                        } else {
                            int token2 = in.pushLimit(len);
                            while (in.remainingInLimit() > 0) {
                                readTypedValue(field, fixedWire(field), typedLongs, typedDoubles);
                            }
                            in.popLimit(token2);
                        }
                        payloadBytes += in.position() - dataStart;
                    } else {
                        readTypedValue(field, wire, typedLongs, typedDoubles);
                        payloadBytes += in.position() - start;
                    }
                }
                case 6 -> readString(strings); // string_data: shape inference reads small string tensors (StringNormalizer)
                case 13 -> {
                    ledger.begin(StructureLedger.Part.EXTERNAL_DATA_KEYS);
                    readKeyValue(externalData);
                    ledger.end();
                }
                case 14 -> externalLocation = in.varint() == 1;
                default -> in.skipField(tag);
            }
        }
        in.leave(token);
        if (typedLongs.size() + typedDoubles.size() > ConstantValues.MAX_ELEMENTS) {
            typedTooBig = true;
        }
        DType dtype = OnnxDataTypes.fromCode(dataType);
        Shape shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
        checkElementCount(shape, name);
        Storage storage;
        if (externalLocation || !externalData.isEmpty()) {
            storage = externalStorage(name, externalData, shape, dtype);
            if (payloadBytes > 0) { // readers ignore them; they stay in the tensor's header bytes
                tally.diagnostic(Diagnostic.warning("tensor '" + name + "' has external data and also " + payloadBytes
                        + " inline payload bytes, which readers ignore"));
            }
        } else {
            Storage.Encoding enc = typed ? Storage.Encoding.TYPED_FIELDS : Storage.Encoding.RAW;
            if (payloadBytes == 0) {
                enc = Storage.Encoding.ABSENT;
            }
            storage = new Storage(Storage.MODEL_FILE, payloadOffset, payloadBytes, enc);
            ledger.payload(payloadBytes);
        }
        ConstantValues values = null;
        if (smallRaw != null) {
            values = decodeRaw(smallRaw, dtype);
        } else if (typed && !typedTooBig) {
            values = !typedDoubles.isEmpty()
                    ? ConstantValues.ofDoubles(typedDoubles.stream().mapToDouble(Double::doubleValue).toArray())
                    : ConstantValues.ofLongs(typedLongs.stream().mapToLong(Long::longValue).toArray());
        }
        if (dtype == DType.STRING && !strings.isEmpty() && strings.size() <= ConstantValues.MAX_ELEMENTS) {
            values = ConstantValues.ofStrings(strings.toArray(new String[0]));
        }
        if (values != null && shape.elementCount().orElse(-1) != values.size()) {
            values = null; // inconsistent payload: keep the declared shape, forget the values
        }
        ledger.end();
        return new Tensor(name, dtype, shape, null, null, storage, values);
    }

    /** Dimensions whose product does not fit in 64 bits describe no tensor that could exist. */
    private void checkElementCount(Shape shape, String name) {
        try {
            shape.elementCount();
        } catch (ArithmeticException e) {
            throw new dev.modelcost.core.spi.MalformedModelException(in.location(), "tensor '" + name + "'",
                    "dimensions " + shape + " multiply to more than 2^63 elements");
        }
    }

    private Storage externalStorage(String name, Map<String, String> kv, Shape shape, DType dtype) throws IOException {
        String location = kv.getOrDefault("location", "");
        long offset = parseLong(kv.get("offset"), 0, name);
        long logical = shape.elementCount().isPresent() ? dtype.bytesFor(shape.elementCount().getAsLong()).orElse(-1) : -1;
        long length = parseLong(kv.get("length"), logical, name);
        long fileSize = external.sizeOf(location, name);
        if (fileSize < 0) {
            tally.diagnostic(Diagnostic.warning("tensor '" + name + "': external data file '" + location
                    + "' is missing; its " + Math.max(length, 0) + " bytes are not in the ledger"));
            return new Storage(location, offset, Math.max(length, 0), Storage.Encoding.ABSENT);
        }
        if (offset < 0 || length < 0 || offset > fileSize || length > fileSize - offset) {
            throw new dev.modelcost.core.spi.MalformedModelException(in.location(), "tensor '" + name + "'",
                    "external data range offset " + offset + " length " + length + " lies outside '" + location
                            + "' (" + fileSize + " bytes)");
        }
        tally.externalRange(location, offset, length);
        return new Storage(location, offset, length, Storage.Encoding.RAW);
    }

    private long parseLong(String s, long fallback, String name) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new dev.modelcost.core.spi.MalformedModelException(in.location(), "tensor '" + name + "'",
                    "external data field is not a number: '" + s + "'");
        }
    }

    /** One string_data entry: kept while the tensor is small enough to be read, else skipped. */
    private void readString(List<String> out) throws IOException {
        int len = in.length();
        if (out.size() < ConstantValues.MAX_ELEMENTS + 1 && len <= 4096) {
            out.add(new String(in.bytes(len), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            in.skip(len);
            out.add("");
        }
    }

    private void readKeyValue(Map<String, String> out) throws IOException {
        int token = in.enter();
        String key = null;
        String value = null;
        int tag;
        while ((tag = in.tag()) != 0) {
            switch (ProtoCursor.field(tag)) {
                case 1 -> key = in.string(4096);
                case 2 -> value = in.string(64 * 1024);
                default -> in.skipField(tag);
            }
        }
        in.leave(token);
        if (key != null && value != null) {
            out.put(key, value);
        }
    }

    private void readInts(int wire, List<Long> out, boolean isDims) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int token = in.enter();
            while (in.remainingInLimit() > 0) {
                add(out, in.varint(), isDims);
            }
            in.leave(token);
        } else {
            add(out, in.varint(), isDims);
        }
    }

    private void add(List<Long> out, long v, boolean isDims) {
        if (isDims && (out.size() >= maxRank || v < 0)) {
            throw in.malformed(in.position(), out.size() >= maxRank ? "tensor rank exceeds " + maxRank
                    : "negative tensor dimension " + v);
        }
        out.add(v);
    }

    private static int fixedWire(int field) {
        return switch (field) {
            case 4 -> WireFormat.WIRETYPE_FIXED32;
            case 10 -> WireFormat.WIRETYPE_FIXED64;
            default -> WireFormat.WIRETYPE_VARINT;
        };
    }

    /**
     * Reads one typed value and keeps it while the tensor could still be a small constant; unpacked values
     * arrive one field at a time, so without this cap a file of repeated int64 fields would fill the heap.
     */
    private void readTypedValue(int field, int wire, List<Long> longs, List<Double> doubles) throws IOException {
        if (longs.size() + doubles.size() >= ConstantValues.MAX_ELEMENTS) {
            switch (wire) {
                case WireFormat.WIRETYPE_FIXED32 -> in.fixed32();
                case WireFormat.WIRETYPE_FIXED64 -> in.fixed64();
                case WireFormat.WIRETYPE_VARINT -> in.varint();
                default -> throw in.malformed(in.position(), "unexpected wire type " + wire + " in tensor data");
            }
            if (longs.size() + doubles.size() == ConstantValues.MAX_ELEMENTS) {
                longs.add(null); // one marker: the tensor is too big to keep (see read()); the lists grow no further
            }
            return;
        }
        switch (wire) {
            case WireFormat.WIRETYPE_FIXED32 -> doubles.add((double) Float.intBitsToFloat(in.fixed32()));
            case WireFormat.WIRETYPE_FIXED64 -> doubles.add(Double.longBitsToDouble(in.fixed64()));
            case WireFormat.WIRETYPE_VARINT -> {
                long v = in.varint();
                longs.add(field == 5 ? (long) (int) v : v);
            }
            default -> throw in.malformed(in.position(), "unexpected wire type " + wire + " in tensor data");
        }
    }

    private static ConstantValues decodeRaw(byte[] raw, DType dtype) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int width = dtype.bits() / 8;
        if (width == 0 || raw.length % width != 0) {
            return null;
        }
        int n = raw.length / width;
        switch (dtype) {
            case INT64, UINT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getLong();
                }
                return ConstantValues.ofLongs(v);
            }
            case INT32, UINT32 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = dtype == DType.INT32 ? b.getInt() : Integer.toUnsignedLong(b.getInt());
                }
                return ConstantValues.ofLongs(v);
            }
            case INT16, UINT16 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = dtype == DType.INT16 ? b.getShort() : Short.toUnsignedInt(b.getShort());
                }
                return ConstantValues.ofLongs(v);
            }
            case INT8, UINT8, BOOL -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = dtype == DType.INT8 ? b.get() : Byte.toUnsignedInt(b.get());
                }
                return ConstantValues.ofLongs(v);
            }
            case FLOAT32 -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getFloat();
                }
                return ConstantValues.ofDoubles(v);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getDouble();
                }
                return ConstantValues.ofDoubles(v);
            }
            default -> {
                return null;
            }
        }
    }
}
