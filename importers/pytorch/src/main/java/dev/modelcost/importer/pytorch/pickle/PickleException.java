package dev.modelcost.importer.pytorch.pickle;

import java.io.IOException;

/** The pickle is damaged, breaks a limit, or asks for something this reader does not do; the importer names the file. */
public final class PickleException extends IOException {
    public PickleException(String message) {
        super(message);
    }
}
