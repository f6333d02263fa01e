package dev.modelcost.importer.gguf;

/**
 * One tensor info of a GGUF file: name, dims in ggml order (innermost first), type, and offset from the start of
 * the data section, all checked by the reader (whole blocks, aligned, inside the file).
 */
record GgufTensorInfo(String name, long[] dimsGgml, GgmlType type, long offsetBytes, long elements, long bytes) {

    /** Dims outermost first, as the IR and PyTorch write shapes. */
    long[] rowMajorShape() {
        long[] out = new long[dimsGgml.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = dimsGgml[dimsGgml.length - 1 - i];
        }
        return out;
    }
}
