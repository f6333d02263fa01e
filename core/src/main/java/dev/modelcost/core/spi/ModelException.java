package dev.modelcost.core.spi;

import java.nio.file.Path;

/**
 * Root of the errors a model file can cause. The message always names the model's location (a path or, later, a
 * URL) and, where known, the place in it. Subclasses map to the CLI's exit codes: malformed 4, unsupported 3.
 */
public abstract sealed class ModelException extends RuntimeException
        permits MalformedModelException, UnsupportedModelException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String where;

    protected ModelException(String location, String where, String problem, Throwable cause) {
        super(problem, cause);
        this.location = location;
        this.where = where;
    }

    protected ModelException(Path file, String where, String problem, Throwable cause) {
        this(file == null ? null : file.toString(), where, problem, cause);
    }

    /** The model's location as the source names it, or null when not known. */
    public String location() {
        return location;
    }

    /** Byte offset, tensor or layer name, or "" when not known. */
    public String where() {
        return where == null ? "" : where;
    }

    public String problem() {
        return super.getMessage();
    }

    /** One line: "LOCATION: WHERE: PROBLEM". */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location).append(": ");
        }
        if (!where().isEmpty()) {
            sb.append(where()).append(": ");
        }
        return sb.append(problem()).toString();
    }
}
