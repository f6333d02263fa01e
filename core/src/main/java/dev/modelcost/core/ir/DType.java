package dev.modelcost.core.ir;

import java.util.OptionalLong;

/** Element types with their storage width in bits; {@link #UNKNOWN} and {@link #STRING} have no fixed width. */
public enum DType {
    FLOAT64("fp64", 64, Kind.FLOAT),
    FLOAT32("fp32", 32, Kind.FLOAT),
    FLOAT16("fp16", 16, Kind.FLOAT),
    BFLOAT16("bf16", 16, Kind.FLOAT),
    FLOAT8E4M3FN("fp8e4m3fn", 8, Kind.FLOAT),
    FLOAT8E4M3FNUZ("fp8e4m3fnuz", 8, Kind.FLOAT),
    FLOAT8E5M2("fp8e5m2", 8, Kind.FLOAT),
    FLOAT8E5M2FNUZ("fp8e5m2fnuz", 8, Kind.FLOAT),
    FLOAT4E2M1("fp4e2m1", 4, Kind.FLOAT),
    COMPLEX64("complex64", 64, Kind.FLOAT),
    COMPLEX128("complex128", 128, Kind.FLOAT),
    INT64("int64", 64, Kind.INTEGER),
    INT32("int32", 32, Kind.INTEGER),
    INT16("int16", 16, Kind.INTEGER),
    INT8("int8", 8, Kind.INTEGER),
    INT4("int4", 4, Kind.INTEGER),
    UINT64("uint64", 64, Kind.INTEGER),
    UINT32("uint32", 32, Kind.INTEGER),
    UINT16("uint16", 16, Kind.INTEGER),
    UINT8("uint8", 8, Kind.INTEGER),
    UINT4("uint4", 4, Kind.INTEGER),
    BOOL("bool", 8, Kind.BOOL),
    STRING("string", 0, Kind.OTHER),
    UNKNOWN("unknown", 0, Kind.OTHER);

    /** Broad families used by role inference: integers are shapes and indices, floats are parameters. */
    public enum Kind {
        FLOAT,
        INTEGER,
        BOOL,
        OTHER
    }

    private final String shortName;
    private final int bits;
    private final Kind kind;

    DType(String shortName, int bits, Kind kind) {
        this.shortName = shortName;
        this.bits = bits;
        this.kind = kind;
    }

    public String shortName() {
        return shortName;
    }

    /** Width in bits, 0 where the type has no fixed width. */
    public int bits() {
        return bits;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isFloating() {
        return kind == Kind.FLOAT;
    }

    public boolean hasFixedWidth() {
        return bits > 0;
    }

    /** Bytes for {@code elements} values, rounding sub-byte types up; empty when the width is not fixed. */
    public OptionalLong bytesFor(long elements) {
        if (!hasFixedWidth()) {
            return OptionalLong.empty();
        }
        long bitsTotal = Math.multiplyExact(elements, (long) bits);
        return OptionalLong.of(Math.addExact(bitsTotal, 7) / 8);
    }

    public static DType fromShortName(String name) {
        for (DType t : values()) {
            if (t.shortName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "'");
    }
}
