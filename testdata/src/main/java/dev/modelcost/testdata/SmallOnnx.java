package dev.modelcost.testdata;

import com.google.protobuf.ByteString;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a small ONNX model in memory with the generated schema classes: initializers with deterministic raw
 * payloads, nodes with int, float, ints and string attributes, tensor inputs and outputs. For fixtures of a few
 * megabytes at most; {@link StreamingOnnxWriter} writes the large ones.
 */
public final class SmallOnnx {
    /** ONNX TensorProto.DataType codes used by the fixtures. */
    public static final int FLOAT = 1;

    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int FLOAT16 = 10;

    private final OnnxSchema.Model.Builder model = OnnxSchema.Model.newBuilder();
    private final OnnxSchema.Graph.Builder graph = OnnxSchema.Graph.newBuilder();
    private long seed = 0x2545F4914F6CDD1DL;

    public SmallOnnx(String name, int opset) {
        model.setIrVersion(8).setProducerName("modelcost-testdata").setProducerVersion("0.1");
        model.addOpsetImport(OnnxSchema.OpsetId.newBuilder().setDomain("").setVersion(opset));
        graph.setName(name);
    }

    /** Imports another operator domain (com.microsoft, ...). */
    public SmallOnnx domain(String domain, int version) {
        model.addOpsetImport(OnnxSchema.OpsetId.newBuilder().setDomain(domain).setVersion(version));
        return this;
    }

    public SmallOnnx input(String name, int type, long... dims) {
        graph.addInput(value(name, type, dims));
        return this;
    }

    public SmallOnnx output(String name, int type, long... dims) {
        graph.addOutput(value(name, type, dims));
        return this;
    }

    /** An initializer of pseudo-random values (floats in [-0.5, 0.5); integers scaled from them). */
    public SmallOnnx initializer(String name, int type, long... dims) {
        return initializer(name, type, false, dims);
    }

    /** An initializer of small positive floats in [0.001, 0.011) (scales) or, for integer types, zeros (zero points). */
    public SmallOnnx positive(String name, int type, long... dims) {
        return initializer(name, type, true, dims);
    }

    public SmallOnnx ints(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        graph.addInitializer(OnnxSchema.Tensor.newBuilder()
                .setName(name)
                .setDataType(INT64)
                .addDims(values.length)
                .setRawData(ByteString.copyFrom(b.array())));
        return this;
    }

    /** A node; attributes are name/value pairs: Long, Double, long[] or String. */
    public SmallOnnx node(String domain, String op, List<String> in, List<String> out, Object... attributes) {
        OnnxSchema.Node.Builder n = OnnxSchema.Node.newBuilder()
                .setName(out.get(0))
                .setOpType(op)
                .setDomain(domain)
                .addAllInput(in)
                .addAllOutput(out);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            n.addAttribute(attribute((String) attributes[i], attributes[i + 1]));
        }
        graph.addNode(n);
        return this;
    }

    public SmallOnnx node(String op, List<String> in, String out, Object... attributes) {
        return node("", op, in, List.of(out), attributes);
    }

    public void write(Path file) throws IOException {
        Files.write(file, model.setGraph(graph).build().toByteArray());
    }

    private SmallOnnx initializer(String name, int type, boolean positive, long... dims) {
        long n = 1;
        OnnxSchema.Tensor.Builder t =
                OnnxSchema.Tensor.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            t.addDims(d);
            n = Math.multiplyExact(n, d);
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(n * width(type))).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < n; i++) {
            float f = positive ? 0.01f * (next() + 0.6f) : next();
            switch (type) {
                case FLOAT -> b.putFloat(f);
                case FLOAT16 -> b.putShort(half(f));
                case INT32 -> b.putInt(positive ? 0 : (int) (f * 2000));
                default -> b.put(positive ? 0 : (byte) (f * 200));
            }
        }
        graph.addInitializer(t.setRawData(ByteString.copyFrom(b.array())));
        return this;
    }

    /** IEEE binary16 bits of {@code f}, mantissa truncated (the fixtures need plausible values, not rounding). */
    static short half(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (exp <= 0) {
            return (short) (exp < -10 ? sign : sign | ((mantissa | 0x800000) >> (14 - exp)));
        }
        return (short) (exp >= 31 ? sign | 0x7c00 : sign | exp << 10 | mantissa >> 13);
    }

    private static int width(int type) {
        return switch (type) {
            case FLOAT, INT32 -> 4;
            case FLOAT16 -> 2;
            case UINT8, INT8 -> 1;
            default -> throw new IllegalArgumentException("element type " + type);
        };
    }

    /** xorshift floats in [-0.5, 0.5): distinct payloads, so no tensor duplicates another. */
    private float next() {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        return (seed >>> 40) / (float) (1 << 24) - 0.5f;
    }

    private static OnnxSchema.Attribute attribute(String name, Object v) {
        OnnxSchema.Attribute.Builder a = OnnxSchema.Attribute.newBuilder().setName(name);
        if (v instanceof Long l) {
            a.setType(OnnxSchema.Attribute.Kind.INT).setI(l);
        } else if (v instanceof Double d) {
            a.setType(OnnxSchema.Attribute.Kind.FLOAT).setF(d.floatValue());
        } else if (v instanceof long[] ls) {
            a.setType(OnnxSchema.Attribute.Kind.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else {
            a.setType(OnnxSchema.Attribute.Kind.STRING).setS(ByteString.copyFromUtf8((String) v));
        }
        return a.build();
    }

    static OnnxSchema.ValueInfo value(String name, int type, long... dims) {
        OnnxSchema.Shape.Builder s = OnnxSchema.Shape.newBuilder();
        for (long d : dims) {
            s.addDim(OnnxSchema.Shape.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxSchema.ValueInfo.newBuilder()
                .setName(name)
                .setType(OnnxSchema.Type.newBuilder()
                        .setTensorType(OnnxSchema.Type.TensorType.newBuilder()
                                .setElemType(type)
                                .setShape(s)))
                .build();
    }
}
