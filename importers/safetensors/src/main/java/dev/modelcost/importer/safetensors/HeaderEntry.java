package dev.modelcost.importer.safetensors;

import dev.modelcost.core.ir.DType;

/**
 * One tensor of a safetensors header: its dtype (the file's name and the IR type), its shape, and its byte range
 * relative to the start of the data section ({@code data_offsets}), already checked against the file.
 */
record HeaderEntry(String name, String dtypeName, DType dtype, long[] shape, long beginBytes, long endBytes) {

    long bytes() {
        return endBytes - beginBytes;
    }

    long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d; // checked by HeaderReader before the entry is made
        }
        return n;
    }
}
