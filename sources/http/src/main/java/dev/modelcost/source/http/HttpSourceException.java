package dev.modelcost.source.http;

import java.io.IOException;

/**
 * A remote read that failed: the server, the network or a limit. The message is one line, "URL: problem", with the
 * URL as the user gave it (no query, no redirect target) and never a header value.
 */
public class HttpSourceException extends IOException {
    private final String location;

    public HttpSourceException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    public HttpSourceException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
