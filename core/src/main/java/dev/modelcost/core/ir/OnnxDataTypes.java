package dev.modelcost.core.ir;

/** The element type codes of the ONNX IR (TensorProto.DataType), used by the importer and by Cast's "to". */
public final class OnnxDataTypes {
    private static final DType[] BY_CODE = {
        DType.UNKNOWN,
        DType.FLOAT32,
        DType.UINT8,
        DType.INT8,
        DType.UINT16,
        DType.INT16,
        DType.INT32,
        DType.INT64,
        DType.STRING,
        DType.BOOL,
        DType.FLOAT16,
        DType.FLOAT64,
        DType.UINT32,
        DType.UINT64,
        DType.COMPLEX64,
        DType.COMPLEX128,
        DType.BFLOAT16,
        DType.FLOAT8E4M3FN,
        DType.FLOAT8E4M3FNUZ,
        DType.FLOAT8E5M2,
        DType.FLOAT8E5M2FNUZ,
        DType.UINT4,
        DType.INT4,
        DType.FLOAT4E2M1,
    };

    private OnnxDataTypes() {}

    public static DType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : DType.UNKNOWN;
    }

    public static int codeOf(DType t) {
        for (int i = 1; i < BY_CODE.length; i++) {
            if (BY_CODE[i] == t) {
                return i;
            }
        }
        return 0;
    }
}
