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
import java.nio.charset.StandardCharsets;
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

    /** What one TensorProto declared, gathered field by field before the tensor is assembled. */
    private static final class Fields {
        final List<Long> dims = new ArrayList<>();
        int dataType;
        String name;
        byte[] smallRaw;
        long payloadOffset = -1;
        long payloadBytes;
        boolean typed;
        final List<Long> typedLongs = new ArrayList<>();
        final List<Double> typedDoubles = new ArrayList<>();
        boolean typedTooBig;
        final Map<String, String> externalData = new LinkedHashMap<>();
        boolean externalLocation;
        final List<String> strings = new ArrayList<>();

        Fields(String name) {
            this.name = name;
        }
    }

    /** Reads the message that starts after a tag read at {@code tagOffset}. */
    Tensor read(long tagOffset, String fallbackName) throws IOException {
        tally.structure.begin(StructureLedger.Part.TENSOR);
        int token = in.enter();
        Fields f = new Fields(fallbackName);
        int tag;
        while ((tag = in.tag()) != 0) {
            readField(f, tag);
        }
        in.leave(token);
        Tensor t = assemble(f);
        tally.structure.end();
        return t;
    }

    private void readField(Fields f, int tag) throws IOException {
        StructureLedger ledger = tally.structure;
        int field = ProtoCursor.field(tag);
        int wire = ProtoCursor.wireType(tag);
        switch (field) {
            case 1 -> readInts(wire, f.dims, true);
            case 2 -> f.dataType = (int) in.varint();
            case 3 -> skipSegment(tag, wire);
            case 8 -> {
                f.name = in.string(64 * 1024);
                ledger.name(in.lastLength());
            }
            case 12 -> ledger.docString(in.skipContent(tag));
            case 9 -> readRawData(f);
            case 4, 5, 7, 10, 11 -> readTypedData(f, field, wire);
            case 6 -> readString(
                    f.strings); // string_data: shape inference reads small string tensors (StringNormalizer)
            case 13 -> {
                ledger.begin(StructureLedger.Part.EXTERNAL_DATA_KEYS);
                readKeyValue(f.externalData);
                ledger.end();
            }
            case 14 -> f.externalLocation = in.varint() == 1;
            default -> in.skipField(tag);
        }
    }

    /** The deprecated segment field: a message whose framing is counted, nothing kept. */
    private void skipSegment(int tag, int wire) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int segment = in.enter();
            in.walk(MessageKind.SEGMENT, 0);
            in.leave(segment);
        } else {
            in.skipField(tag);
        }
    }

    /** raw_data: where it is and how long; read only when small enough to be a shape or an axis. */
    private void readRawData(Fields f) throws IOException {
        int len = in.length();
        f.payloadOffset = in.position();
        f.payloadBytes += len;
        if (len <= SMALL_PAYLOAD_BYTES) {
            f.smallRaw = in.bytes(len);
        } else {
            in.skip(len);
        }
    }

    /** One typed data field (float_data, int32_data, ...), packed or one value at a time. */
    private void readTypedData(Fields f, int field, int wire) throws IOException {
        f.typed = true;
        long start = in.position();
        if (f.payloadOffset < 0) {
            f.payloadOffset = start;
        }
        if (wire != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            readTypedValue(field, wire, f.typedLongs, f.typedDoubles);
            f.payloadBytes += in.position() - start;
            return;
        }
        int len = in.length();
        long dataStart = in.position();
        if (len > SMALL_PAYLOAD_BYTES) {
            f.typedTooBig = true;
            in.skip(len);
        } else {
            int limit = in.pushLimit(len);
            while (in.remainingInLimit() > 0) {
                readTypedValue(field, fixedWire(field), f.typedLongs, f.typedDoubles);
            }
            in.popLimit(limit);
        }
        f.payloadBytes += in.position() - dataStart;
    }

    private Tensor assemble(Fields f) throws IOException {
        DType dtype = OnnxDataTypes.fromCode(f.dataType);
        Shape shape = Shape.of(f.dims.stream().mapToLong(Long::longValue).toArray());
        checkElementCount(shape, f.name);
        Storage storage = storage(f, shape, dtype);
        return new Tensor(f.name, dtype, shape, null, null, storage, constantValues(f, shape, dtype));
    }

    /** Where the payload is: an external file, the typed fields, raw_data, or nowhere. */
    private Storage storage(Fields f, Shape shape, DType dtype) throws IOException {
        if (f.externalLocation || !f.externalData.isEmpty()) {
            Storage external = externalStorage(f.name, f.externalData, shape, dtype);
            if (f.payloadBytes > 0) { // readers ignore them; they stay in the tensor's header bytes
                tally.diagnostic(Diagnostic.warning("tensor '" + f.name + "' has external data and also "
                        + f.payloadBytes + " inline payload bytes, which readers ignore"));
            }
            return external;
        }
        Storage.Encoding enc = f.payloadBytes == 0
                ? Storage.Encoding.ABSENT
                : f.typed ? Storage.Encoding.TYPED_FIELDS : Storage.Encoding.RAW;
        tally.structure.payload(f.payloadBytes);
        return new Storage(Storage.MODEL_FILE, f.payloadOffset, f.payloadBytes, enc);
    }

    /** The values of a tensor small enough to be read, or null. */
    private static ConstantValues constantValues(Fields f, Shape shape, DType dtype) {
        boolean tooBig = f.typedTooBig || f.typedLongs.size() + f.typedDoubles.size() > ConstantValues.MAX_ELEMENTS;
        ConstantValues values = null;
        if (f.smallRaw != null) {
            values = RawValues.decode(f.smallRaw, dtype);
        } else if (f.typed && !tooBig) {
            values = !f.typedDoubles.isEmpty()
                    ? ConstantValues.ofDoubles(f.typedDoubles.stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray())
                    : ConstantValues.ofLongs(
                            f.typedLongs.stream().mapToLong(Long::longValue).toArray());
        }
        if (dtype == DType.STRING && !f.strings.isEmpty() && f.strings.size() <= ConstantValues.MAX_ELEMENTS) {
            values = ConstantValues.ofStrings(f.strings.toArray(new String[0]));
        }
        if (values != null && shape.elementCount().orElse(-1) != values.size()) {
            values = null; // inconsistent payload: keep the declared shape, forget the values
        }
        return values;
    }

    /** Dimensions whose product does not fit in 64 bits describe no tensor that could exist. */
    private void checkElementCount(Shape shape, String name) {
        try {
            shape.elementCount();
        } catch (ArithmeticException e) {
            throw new dev.modelcost.core.spi.MalformedModelException(
                    in.location(),
                    "tensor '" + name + "'",
                    "dimensions " + shape + " multiply to more than 2^63 elements");
        }
    }

    private Storage externalStorage(String name, Map<String, String> kv, Shape shape, DType dtype) throws IOException {
        String location = kv.getOrDefault("location", "");
        long offset = parseLong(kv.get("offset"), 0, name);
        long logical = shape.elementCount().isPresent()
                ? dtype.bytesFor(shape.elementCount().getAsLong()).orElse(-1)
                : -1;
        long length = parseLong(kv.get("length"), logical, name);
        long fileSize = external.sizeOf(location, name);
        if (fileSize < 0) {
            tally.missingExternal(location, Math.max(length, 0));
            return new Storage(location, offset, Math.max(length, 0), Storage.Encoding.ABSENT);
        }
        if (offset < 0 || length < 0 || offset > fileSize || length > fileSize - offset) {
            throw new dev.modelcost.core.spi.MalformedModelException(
                    in.location(),
                    "tensor '" + name + "'",
                    "external data range offset " + offset + " length " + length + " lies outside '" + location + "' ("
                            + fileSize + " bytes)");
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
            throw new dev.modelcost.core.spi.MalformedModelException(
                    in.location(), "tensor '" + name + "'", "external data field is not a number: '" + s + "'");
        }
    }

    /** One string_data entry: kept while the tensor is small enough to be read, else skipped. */
    private void readString(List<String> out) throws IOException {
        int len = in.length();
        if (out.size() < ConstantValues.MAX_ELEMENTS + 1 && len <= 4096) {
            out.add(new String(in.bytes(len), StandardCharsets.UTF_8));
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
            throw in.malformed(
                    in.position(),
                    out.size() >= maxRank ? "tensor rank exceeds " + maxRank : "negative tensor dimension " + v);
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
}
