package dev.modelcost.importer.tflite;

import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.importer.tflite.FlatTable.FlatVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the tables of a TFLite model (schema.fbs field ids) into a {@link TfliteModel}. Every count is checked
 * against the file before anything is allocated for it, and against the import limits.
 */
final class ModelReader {
    private static final int NAME_BYTES = 4096;

    private final PagedReader reader;
    private final ImportOptions options;
    private final List<String> opCodeNames = new ArrayList<>();
    private long items;

    ModelReader(PagedReader reader, ImportOptions options) {
        this.reader = reader;
        this.options = options;
    }

    TfliteModel read() {
        FlatTable model = FlatTable.root(reader);
        long version = model.u32(0, 0);
        List<TfliteModel.OpCode> opCodes = new ArrayList<>();
        forEach(model.vector(1, 4), "operator code", t -> opCodes.add(opCode(t)));
        opCodes.forEach(c -> opCodeNames.add(c.custom() ? "" : c.name()));
        List<TfliteModel.Buffer> buffers = new ArrayList<>();
        forEach(model.vector(4, 4), "buffer", t -> buffers.add(buffer(t)));
        List<TfliteModel.Subgraph> subgraphs = new ArrayList<>();
        forEach(model.vector(2, 4), "subgraph", t -> subgraphs.add(subgraph(t)));
        String description = model.string(3, NAME_BYTES);
        List<TfliteModel.Metadata> metadata = new ArrayList<>();
        forEach(
                model.vector(6, 4),
                "metadata entry",
                t -> metadata.add(new TfliteModel.Metadata(String.valueOf(t.string(0, NAME_BYTES)), t.u32(1, 0))));
        List<String> signatures = new ArrayList<>();
        forEach(model.vector(7, 4), "signature", t -> signatures.add(String.valueOf(t.string(2, NAME_BYTES))));
        return new TfliteModel(
                version, description == null ? "" : description, opCodes, subgraphs, buffers, metadata, signatures);
    }

    private TfliteModel.OpCode opCode(FlatTable t) {
        int code = Math.max(t.i8(0, 0), t.i32(3, 0));
        String custom = t.string(1, NAME_BYTES);
        boolean isCustom = code == 32;
        String name =
                isCustom ? (custom == null || custom.isEmpty() ? "CUSTOM" : custom) : TfliteSchema.builtinName(code);
        return new TfliteModel.OpCode(name, isCustom, t.i32(2, 1));
    }

    private TfliteModel.Buffer buffer(FlatTable t) {
        long offset = t.i64(1, 0);
        long size = t.i64(2, 0);
        if (offset > 1) {
            // Files over 2 GB keep buffers after the flatbuffer; offset 1 is the converter's placeholder for "none".
            if (size < 0 || offset < 0) {
                throw new MalformedModelException(
                        (String) null, "buffer", "a buffer declares offset " + offset + " and size " + size);
            }
            return new TfliteModel.Buffer(offset, size, true);
        }
        FlatVector data = t.vector(0, 1);
        return data == null || data.length() == 0
                ? TfliteModel.Buffer.EMPTY
                : new TfliteModel.Buffer(data.dataPosition(), data.length(), false);
    }

    private TfliteModel.Subgraph subgraph(FlatTable t) {
        List<TfliteModel.Tensor> tensors = new ArrayList<>();
        forEach(t.vector(0, 4), "tensor", x -> tensors.add(tensor(x)));
        List<TfliteModel.Operator> operators = new ArrayList<>();
        forEach(t.vector(3, 4), "operator", x -> operators.add(operator(x)));
        String name = t.string(4, NAME_BYTES);
        return new TfliteModel.Subgraph(
                name == null ? "" : name, tensors, ints(t.vector(1, 4)), ints(t.vector(2, 4)), operators);
    }

    private TfliteModel.Tensor tensor(FlatTable t) {
        FlatVector shapeVector = t.vector(0, 4);
        long rank = shapeVector == null ? 0 : shapeVector.length();
        if (rank > options.maxTensorRank()) {
            throw new MalformedModelException(
                    (String) null,
                    "tensor",
                    "a tensor of rank " + rank + " (the limit is " + options.maxTensorRank() + ")");
        }
        long[] shape = new long[(int) rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = shapeVector.i32(i);
        }
        int type = t.i8(1, 0);
        FlatTable q = t.table(4);
        TfliteModel.Quantization quantization = null;
        if (q != null && (q.has(2) || q.has(3))) {
            FlatVector scales = q.vector(2, 4);
            FlatVector zeros = q.vector(3, 8);
            quantization = new TfliteModel.Quantization(
                    scales == null ? 0 : scales.length(), zeros == null ? 0 : zeros.length(), q.i32(6, 0));
        }
        String name = t.string(3, NAME_BYTES);
        return new TfliteModel.Tensor(
                name == null ? "" : name,
                TfliteSchema.dtype(type),
                type,
                shape,
                t.u32(2, 0),
                t.bool(5),
                t.has(6),
                quantization);
    }

    private TfliteModel.Operator operator(FlatTable t) {
        long code = t.u32(0, 0);
        int[] inputs = ints(t.vector(1, 4));
        int[] outputs = ints(t.vector(2, 4));
        String name = code < opCodeNames.size() ? opCodeNames.get((int) code) : "";
        Map<String, Long> opts = OperatorOptions.read(name, t.u8(3, 0) == 0 ? null : t.table(4));
        return new TfliteModel.Operator((int) Math.min(code, Integer.MAX_VALUE), inputs, outputs, opts);
    }

    private int[] ints(FlatVector v) {
        if (v == null) {
            return new int[0];
        }
        count(v.length(), "index");
        int[] out = new int[(int) v.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.i32(i);
        }
        return out;
    }

    private void forEach(FlatVector v, String what, Consumer<FlatTable> each) {
        if (v == null) {
            return;
        }
        count(v.length(), what);
        for (long i = 0; i < v.length(); i++) {
            each.accept(v.table(i));
        }
    }

    /** Tables and indices together stay under the node limit: a hostile file cannot make the reader loop for ever. */
    private void count(long n, String what) {
        items += n;
        if (items > options.maxNodes()) {
            throw new MalformedModelException(
                    (String) null,
                    what,
                    "more than " + options.maxNodes() + " tensors, operators and indices (the limit)");
        }
    }
}
