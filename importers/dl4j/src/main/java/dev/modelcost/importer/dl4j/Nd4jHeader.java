package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.DType;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The header of an ND4J array as {@code Nd4j.write} stores it (big-endian, Java modified-UTF strings):
 * a shape-information buffer, then the data buffer's allocation mode, length and type, then the data.
 * <ul>
 *   <li>{@code JAVACPP} (before 1.0.0-alpha): mode, int length, "INT", ints; mode, int length, type.</li>
 *   <li>{@code LONG_SHAPE} and {@code MIXED_DATA_TYPES}: mode, long length, "LONG", longs; mode, long length, type.</li>
 * </ul>
 * The shape information is [rank, shape..., stride..., extras, element stride, order].
 *
 * @param format      "JAVACPP", "LONG_SHAPE" or "MIXED_DATA_TYPES"
 * @param dataType    the data buffer's type name as written ("FLOAT", "DOUBLE", "HALF", ...)
 * @param length      elements in the data buffer
 * @param shape       the array's shape from the shape information (empty when it could not be read)
 * @param headerBytes bytes before the first element
 */
record Nd4jHeader(String format, String dataType, long length, long[] shape, int headerBytes) {
    /** Enough for any shape information of rank ≤ 32. */
    static final int MAX_HEADER_BYTES = 4096;

    private static final int MAX_SHAPE_INFO = 2 * 32 + 4;

    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    DType dtype() {
        return dtypeOf(dataType);
    }

    int elementBytes() {
        return dtype().hasFixedWidth() ? dtype().bits() / 8 : 0;
    }

    /** Header bytes plus the data: the entry's full uncompressed size when nothing follows the array. */
    long expectedEntryBytes() {
        return headerBytes + length * elementBytes();
    }

    static DType dtypeOf(String name) {
        return switch (name) {
            case "DOUBLE" -> DType.FLOAT64;
            case "FLOAT" -> DType.FLOAT32;
            case "HALF" -> DType.FLOAT16;
            case "BFLOAT16" -> DType.BFLOAT16;
            case "LONG" -> DType.INT64;
            case "INT" -> DType.INT32;
            case "SHORT" -> DType.INT16;
            case "BYTE" -> DType.INT8;
            case "UBYTE" -> DType.UINT8;
            case "UINT16" -> DType.UINT16;
            case "UINT32" -> DType.UINT32;
            case "UINT64" -> DType.UINT64;
            case "BOOL" -> DType.BOOL;
            default -> DType.UNKNOWN;
        };
    }

    static Nd4jHeader parse(byte[] head) throws FormatException {
        CountingInput in = new CountingInput(head);
        try {
            String mode = in.utf();
            boolean legacy =
                    switch (mode) {
                        case "JAVACPP", "HEAP", "DIRECT" -> true;
                        case "LONG_SHAPE", "MIXED_DATA_TYPES" -> false;
                        default -> throw new FormatException("unknown ND4J allocation mode '" + mode + "'");
                    };
            long n = legacy ? in.d.readInt() : in.d.readLong();
            if (n < 1 || n > MAX_SHAPE_INFO) {
                throw new FormatException("shape information of " + n + " entries");
            }
            String shapeType = in.utf();
            long[] info = new long[(int) n];
            for (int i = 0; i < n; i++) {
                info[i] = switch (shapeType) {
                    case "INT" -> in.d.readInt();
                    case "LONG" -> in.d.readLong();
                    default -> throw new FormatException("shape information of type '" + shapeType + "'");
                };
            }
            String dataMode = in.utf();
            long length = legacy ? in.d.readInt() : in.d.readLong();
            String dataType = in.utf();
            if (length < 0) {
                throw new FormatException("negative data length " + length);
            }
            if ("COMPRESSED".equals(dataType)) {
                throw new FormatException("compressed ND4J buffers (" + dataMode + ") are not read");
            }
            long[] shape = new long[0];
            int rank = (int) info[0];
            if (rank >= 0 && 1 + 2L * rank <= n) {
                shape = Arrays.copyOfRange(info, 1, 1 + rank);
            }
            return new Nd4jHeader(mode, dataType, length, shape, in.count());
        } catch (EOFException e) {
            throw new FormatException("header truncated after " + in.count() + " bytes");
        } catch (IOException e) {
            throw new FormatException("unreadable header: " + e.getMessage());
        }
    }

    private static final class CountingInput {
        private final ByteArrayInputStream bytes;
        private final int total;
        final DataInputStream d;

        CountingInput(byte[] b) {
            bytes = new ByteArrayInputStream(b);
            total = b.length;
            d = new DataInputStream(bytes);
        }

        String utf() throws IOException, FormatException {
            String s = d.readUTF();
            if (s.length() > 64) {
                throw new FormatException("implausible header string of " + s.length() + " characters");
            }
            return s;
        }

        int count() {
            return total - bytes.available();
        }
    }
}
