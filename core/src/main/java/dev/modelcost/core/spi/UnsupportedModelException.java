package dev.modelcost.core.spi;

import java.nio.file.Path;

/** The file is valid but uses something modelcost does not read (exit code 3). */
public final class UnsupportedModelException extends ModelException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String location, String where, String problem) {
        super(location, where, problem, null);
    }

    public UnsupportedModelException(Path file, String where, String problem) {
        super(file, where, problem, null);
    }
}
