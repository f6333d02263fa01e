package dev.modelcost.core.spi;

import java.nio.file.Path;

/** The file is corrupt, truncated, not a model, or breaks a limit (exit code 4). */
public final class MalformedModelException extends ModelException {
    private static final long serialVersionUID = 1L;

    public MalformedModelException(String location, String where, String problem) {
        super(location, where, problem, null);
    }

    public MalformedModelException(String location, String where, String problem, Throwable cause) {
        super(location, where, problem, cause);
    }

    public MalformedModelException(Path file, String where, String problem) {
        super(file, where, problem, null);
    }

    public MalformedModelException(Path file, String where, String problem, Throwable cause) {
        super(file, where, problem, cause);
    }
}
