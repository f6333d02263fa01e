package dev.modelcost.onnx;

import dev.modelcost.core.ir.ContainerType;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts the schema's ValueInfo (declared name and type) to the IR. Sequences and maps keep their ONNX type
 * string as a {@link ContainerType}; their tensor type is a map's value element type (what DictVectorizer and
 * CastMap output), else unknown.
 */
final class ValueInfos {
    /** Deeper nesting than any exporter writes is cut short rather than followed. */
    private static final int MAX_NESTING = 8;

    private static final String[] ONNX_NAMES = {
        "undefined",
        "float",
        "uint8",
        "int8",
        "uint16",
        "int16",
        "int32",
        "int64",
        "string",
        "bool",
        "float16",
        "double",
        "uint32",
        "uint64",
        "complex64",
        "complex128",
        "bfloat16",
        "float8e4m3fn",
        "float8e4m3fnuz",
        "float8e5m2",
        "float8e5m2fnuz",
        "uint4",
        "int4",
        "float4e2m1"
    };

    private ValueInfos() {}

    static ValueInfo toIr(OnnxSchema.ValueInfo v) {
        if (!v.hasType()) {
            return new ValueInfo(v.getName(), TensorType.UNKNOWN);
        }
        OnnxSchema.Type t = v.getType();
        boolean container = t.hasSequenceType() || t.hasMapType();
        return new ValueInfo(v.getName(), type(t), container ? new ContainerType(text(t, 0)) : null);
    }

    /** The ONNX type string: tensor(float), seq(map(int64,tensor(float))), ... */
    static String text(OnnxSchema.Type t, int depth) {
        if (depth > MAX_NESTING) {
            return "...";
        }
        if (t.hasTensorType() || t.hasSparseTensorType()) {
            OnnxSchema.Type.TensorType tt = t.hasTensorType() ? t.getTensorType() : t.getSparseTensorType();
            return (t.hasTensorType() ? "tensor(" : "sparse_tensor(") + elementName(tt.getElemType()) + ")";
        }
        if (t.hasSequenceType()) {
            return "seq(" + text(t.getSequenceType().getElemType(), depth + 1) + ")";
        }
        if (t.hasMapType()) {
            return "map(" + elementName(t.getMapType().getKeyType()) + ","
                    + text(t.getMapType().getValueType(), depth + 1) + ")";
        }
        return t.hasOptionalType() ? "optional(" + text(t.getOptionalType().getElemType(), depth + 1) + ")" : "unknown";
    }

    private static String elementName(int code) {
        return code >= 0 && code < ONNX_NAMES.length ? ONNX_NAMES[code] : "type" + code;
    }

    static TensorType type(OnnxSchema.Type t) {
        OnnxSchema.Type.TensorType tt;
        if (t.hasTensorType()) {
            tt = t.getTensorType();
        } else if (t.hasSparseTensorType()) {
            tt = t.getSparseTensorType();
        } else if (t.hasOptionalType()) {
            return type(t.getOptionalType().getElemType());
        } else if (t.hasMapType() && t.getMapType().getValueType().hasTensorType()) {
            DType values = OnnxDataTypes.fromCode(
                    t.getMapType().getValueType().getTensorType().getElemType());
            return new TensorType(values, Shape.UNKNOWN_RANK);
        } else {
            return TensorType.UNKNOWN; // sequences: element counts are not static
        }
        DType dtype = OnnxDataTypes.fromCode(tt.getElemType());
        if (!tt.hasShape()) {
            return new TensorType(dtype, Shape.UNKNOWN_RANK);
        }
        List<Dim> dims = new ArrayList<>();
        for (OnnxSchema.Shape.Dimension d : tt.getShape().getDimList()) {
            if (d.hasDimValue() && d.getDimValue() >= 0) {
                dims.add(Dim.of(d.getDimValue()));
            } else if (d.hasDimParam()) {
                dims.add(Dim.symbol(d.getDimParam()));
            } else {
                dims.add(Dim.UNKNOWN);
            }
        }
        return new TensorType(dtype, Shape.of(dims));
    }
}
