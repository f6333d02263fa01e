package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.DType;

/**
 * One HDF5 dataset as far as its structure goes: path inside the HDF5 file (no leading '/'), shape,
 * element type, layout, bytes allocated in the file and, for contiguous data, the address of those bytes
 * relative to the start of the HDF5 file (-1 where there is no single address).
 */
record H5Dataset(String path, long[] shape, DType dtype, String layout, long storageBytes, long address) {

    /** Last path component with a TensorFlow ":N" suffix removed. */
    String baseName() {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        if (colon > 0 && last.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < last.length() - 1) {
            return last.substring(0, colon);
        }
        return last;
    }

    long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
