package dev.modelcost.onnx;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The values of a small tensor's raw_data: little-endian elements of its type, as the ONNX spec lays them out. */
final class RawValues {
    private RawValues() {}

    /** The values, or null when the type has no fixed width or the bytes are not a whole number of elements. */
    static ConstantValues decode(byte[] raw, DType dtype) {
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
