package dev.modelcost.importer.pytorch;

import dev.modelcost.core.ir.DType;

import java.util.Map;

/** Element types of torch storage classes (torch.FloatStorage ...), as the pickle names them. */
final class StorageTypes {
    private static final Map<String, DType> BY_NAME = Map.ofEntries(
            Map.entry("FloatStorage", DType.FLOAT32), Map.entry("DoubleStorage", DType.FLOAT64),
            Map.entry("HalfStorage", DType.FLOAT16), Map.entry("BFloat16Storage", DType.BFLOAT16),
            Map.entry("LongStorage", DType.INT64), Map.entry("IntStorage", DType.INT32),
            Map.entry("ShortStorage", DType.INT16), Map.entry("CharStorage", DType.INT8),
            Map.entry("ByteStorage", DType.UINT8), Map.entry("BoolStorage", DType.BOOL),
            Map.entry("ComplexFloatStorage", DType.COMPLEX64), Map.entry("ComplexDoubleStorage", DType.COMPLEX128),
            Map.entry("QInt8Storage", DType.INT8), Map.entry("QUInt8Storage", DType.UINT8),
            Map.entry("QInt32Storage", DType.INT32), Map.entry("UntypedStorage", DType.UINT8),
            Map.entry("Float8_e4m3fnStorage", DType.FLOAT8E4M3FN), Map.entry("Float8_e5m2Storage", DType.FLOAT8E5M2));

    private StorageTypes() {}

    /** The element type, or {@link DType#UNKNOWN} for a storage class this table does not know. */
    static DType dtype(String storageType) {
        return BY_NAME.getOrDefault(storageType, DType.UNKNOWN);
    }

    /** Bytes per element; 1 where the type is unknown (its bytes are then counted as bytes). */
    static int itemBytes(String storageType) {
        DType d = dtype(storageType);
        return d.hasFixedWidth() ? Math.max(1, d.bits() / 8) : 1;
    }
}
