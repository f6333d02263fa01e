package dev.modelcost.source.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Resolves a file a remote model names beside it (ONNX external data) against the model's URL, with the local
 * rules: a relative path, no "..", no "." or empty segment, no backslash or control character; the result stays on
 * the model's origin, in its folder or below. Each segment is percent-encoded, so nothing in the name can become a
 * query, a fragment, a scheme or an escaped "..".
 */
final class SiblingLocations {
    private SiblingLocations() {}

    /** The sibling's URI, or an {@link IllegalArgumentException} naming why the location is refused. */
    static URI resolve(URI model, String relativeLocation) {
        if (relativeLocation == null || relativeLocation.isEmpty()) {
            throw new IllegalArgumentException("an empty location");
        }
        if (relativeLocation.startsWith("/")
                || relativeLocation.indexOf('\\') >= 0
                || relativeLocation.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("an absolute location or one with a backslash or control character");
        }
        StringBuilder path = new StringBuilder();
        for (String segment : relativeLocation.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a location with an empty, '.' or '..' segment");
            }
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(encode(segment));
        }
        String rawPath = model.getRawPath() == null || model.getRawPath().isEmpty() ? "/" : model.getRawPath();
        String folder = rawPath.substring(0, rawPath.lastIndexOf('/') + 1);
        URI sibling;
        try {
            sibling = new URI(model.getScheme() + "://" + model.getRawAuthority() + folder + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a location that makes no URL");
        }
        URI normalized = sibling.normalize();
        if (!Redirects.origin(normalized).equals(Redirects.origin(model))
                || !normalized.getRawPath().startsWith(folder)) {
            throw new IllegalArgumentException("a location outside the model's folder");
        }
        return normalized;
    }

    private static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
