package dev.modelcost.importer.tflite;

import dev.modelcost.core.ir.DType;

import java.util.List;
import java.util.Map;

/** What the TFLite flatbuffer declares, read once from its tables; payload bytes are located, never read. */
record TfliteModel(
        long schemaVersion,
        String description,
        List<OpCode> opCodes,
        List<Subgraph> subgraphs,
        List<Buffer> buffers,
        List<Metadata> metadata,
        List<String> signatureKeys) {

    /** {@code name} is the builtin name, or the custom code for a custom op. */
    record OpCode(String name, boolean custom, int version) {}

    /** Where a buffer's bytes lie: inside the flatbuffer's data vector, or at an offset past it (files over 2 GB). */
    record Buffer(long offsetBytes, long lengthBytes, boolean afterFlatbuffer) {
        static final Buffer EMPTY = new Buffer(-1, 0, false);

        boolean isEmpty() {
            return lengthBytes == 0;
        }
    }

    /** Per-tensor quantization: how many scales and zero points, and the axis they run along. */
    record Quantization(long scales, long zeroPoints, int quantizedDimension) {
        boolean perAxis() {
            return scales > 1;
        }
    }

    record Tensor(
            String name,
            DType dtype,
            int typeCode,
            long[] shape,
            long buffer,
            boolean variable,
            boolean sparse,
            Quantization quantization) {}

    /** Options this project reads: subgraph indices of control flow, BATCH_MATMUL's adj_x, window geometry. */
    record Operator(int opCode, int[] inputs, int[] outputs, Map<String, Long> options) {}

    record Subgraph(String name, List<Tensor> tensors, int[] inputs, int[] outputs, List<Operator> operators) {}

    record Metadata(String name, long buffer) {}
}
