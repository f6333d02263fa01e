package dev.modelcost.onnx;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.onnx.schema.OnnxSchema;

import java.util.ArrayList;
import java.util.List;

/** Converts the schema's ValueInfo (declared name and type) to the IR. Non-tensor types are unknown tensors. */
final class ValueInfos {
    private ValueInfos() { }

    static ValueInfo toIr(OnnxSchema.ValueInfo v) {
        return new ValueInfo(v.getName(), v.hasType() ? type(v.getType()) : TensorType.UNKNOWN);
    }

    static TensorType type(OnnxSchema.Type t) {
        OnnxSchema.Type.TensorType tt;
        if (t.hasTensorType()) {
            tt = t.getTensorType();
        } else if (t.hasSparseTensorType()) {
            tt = t.getSparseTensorType();
        } else if (t.hasOptionalType()) {
            return type(t.getOptionalType().getElemType());
        } else {
            return TensorType.UNKNOWN; // sequences and maps: element counts are not static
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
