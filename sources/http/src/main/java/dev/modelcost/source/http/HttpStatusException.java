package dev.modelcost.source.http;

/** The server answered with a status that is not the bytes asked for (404, 403, 500, ...). */
public final class HttpStatusException extends HttpSourceException {
    private final int status;

    public HttpStatusException(String location, int status, String problem) {
        super(location, problem);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Not there (404, 410): for a file a model names beside it, absent rather than an error. */
    public boolean notFound() {
        return status == 404 || status == 410;
    }
}
