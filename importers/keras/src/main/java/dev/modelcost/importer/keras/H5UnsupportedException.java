package dev.modelcost.importer.keras;

/** A valid HDF5 structure the walker does not read (superblock v2/v3, v2 object headers, new-style groups). */
final class H5UnsupportedException extends Exception {
    H5UnsupportedException(String why) {
        super(why);
    }
}
