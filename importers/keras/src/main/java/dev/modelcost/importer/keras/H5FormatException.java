package dev.modelcost.importer.keras;

import java.io.IOException;

/**
 * An HDF5 structure the file-format specification does not allow: the file is damaged or hostile. The
 * structure walk stops, and the importer keeps its coarse ledger (jhdf decides whether the model itself reads).
 */
final class H5FormatException extends IOException {
    H5FormatException(String why) {
        super(why);
    }
}
