package dev.modelcost.source.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The redirects of one request, followed by hand so that each target is checked: http or https only, never from
 * https down to http, no user information, no loop, at most a fixed number. Messages never show the target (a CDN
 * URL may carry a signature).
 */
final class Redirects {

    private final String location;
    private final int maxRedirects;
    private final Set<URI> seen = new HashSet<>();
    private URI current;

    Redirects(String location, URI start, int maxRedirects) {
        this.location = location;
        this.current = start;
        this.maxRedirects = maxRedirects;
        seen.add(start);
    }

    URI current() {
        return current;
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    void follow(String locationHeader) throws HttpSourceException {
        if (locationHeader == null || locationHeader.isBlank()) {
            throw new HttpSourceException(location, "redirected without a Location");
        }
        URI target;
        try {
            target = current.resolve(new URI(locationHeader.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HttpSourceException(location, "redirected to an unreadable location");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new HttpSourceException(
                    location,
                    "redirected to a '" + RangeAnswerHandler.printable(scheme)
                            + ":' location; modelcost follows redirects to http and https only");
        }
        if (current.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new HttpSourceException(location, "redirected from https to plain http; refused");
        }
        if (target.getRawUserInfo() != null || target.getHost() == null) {
            throw new HttpSourceException(location, "redirected to a location with user information or no host");
        }
        if (!seen.add(target)) {
            throw new HttpSourceException(location, "redirect loop");
        }
        if (seen.size() - 1 > maxRedirects) {
            throw new HttpSourceException(location, "more than " + maxRedirects + " redirects");
        }
        current = target;
    }

    /** scheme://host:port, with the default port made explicit: what "the same origin" compares. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
