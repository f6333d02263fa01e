package dev.modelcost.importer.safetensors;

import dev.modelcost.core.ir.DType;

import java.util.Map;
import java.util.Optional;

/**
 * The dtype names of the safetensors format and their IR types: the classic set (BOOL, U8…U64, I8…I64, F16, BF16,
 * F32, F64, F8_E4M3, F8_E5M2) and the later F4 (e2m1, two values a byte) and C64. F8_E4M3 is the "fn" variant
 * (torch.float8_e4m3fn), the one safetensors writes for it. F6_E2M3, F6_E3M2 and F8_E8M0 have no IR type yet
 * and are refused as unsupported, by name.
 */
final class SafetensorsDTypes {
    private static final Map<String, DType> BY_NAME = Map.ofEntries(
            Map.entry("BOOL", DType.BOOL),
            Map.entry("U8", DType.UINT8),
            Map.entry("I8", DType.INT8),
            Map.entry("U16", DType.UINT16),
            Map.entry("I16", DType.INT16),
            Map.entry("U32", DType.UINT32),
            Map.entry("I32", DType.INT32),
            Map.entry("U64", DType.UINT64),
            Map.entry("I64", DType.INT64),
            Map.entry("F16", DType.FLOAT16),
            Map.entry("BF16", DType.BFLOAT16),
            Map.entry("F32", DType.FLOAT32),
            Map.entry("F64", DType.FLOAT64),
            Map.entry("F8_E4M3", DType.FLOAT8E4M3FN),
            Map.entry("F8_E5M2", DType.FLOAT8E5M2),
            Map.entry("F4", DType.FLOAT4E2M1),
            Map.entry("C64", DType.COMPLEX64));

    private SafetensorsDTypes() {}

    static Optional<DType> of(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
