package dev.modelcost.core.spi;

import java.nio.file.Path;

/**
 * Root of the errors a model file can cause. The message always names the file and, where known,
 * the place in it. Subclasses map to the CLI's exit codes: malformed 4, unsupported 3.
 */
public abstract sealed class ModelException extends RuntimeException
        permits MalformedModelException, UnsupportedModelException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final String where;

    protected ModelException(Path file, String where, String problem, Throwable cause) {
        super(problem, cause);
        this.file = file;
        this.where = where;
    }

    public Path file() { return file; }

    /** Byte offset, tensor or layer name, or "" when not known. */
    public String where() { return where == null ? "" : where; }

    public String problem() { return super.getMessage(); }

    /** One line: "FILE: WHERE: PROBLEM". */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(": ");
        }
        if (!where().isEmpty()) {
            sb.append(where()).append(": ");
        }
        return sb.append(problem()).toString();
    }
}
