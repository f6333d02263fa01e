package dev.modelcost.source.http;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redirect targets checked without a network: these URIs are parsed, never contacted. */
class RedirectsTest {
    private static final String SHOWN = "https://hub.example/m.onnx";

    @Test
    void aRelativeOrCrossHostHttpsTargetIsFollowed() throws HttpSourceException {
        Redirects r = new Redirects(SHOWN, URI.create("https://hub.example/org/m.onnx"), 5);
        r.follow("/cdn/blob?sig=x");
        assertEquals(URI.create("https://hub.example/cdn/blob?sig=x"), r.current());
        r.follow("https://cdn.example/blob");
        assertEquals(URI.create("https://cdn.example/blob"), r.current());
    }

    @Test
    void httpsNeverGoesDownToHttp() {
        Redirects r = new Redirects(SHOWN, URI.create("https://hub.example/m.onnx"), 5);
        HttpSourceException e = assertThrows(HttpSourceException.class, () -> r.follow("http://hub.example/m.onnx"));
        assertTrue(e.getMessage().contains("https to plain http"), e.getMessage());
    }

    @Test
    void theTargetIsNeverShown() {
        Redirects r = new Redirects(SHOWN, URI.create("https://hub.example/m.onnx"), 5);
        HttpSourceException e =
                assertThrows(HttpSourceException.class, () -> r.follow("gopher://secret-host.example/?token=abc"));
        assertFalse(e.getMessage().contains("secret-host") || e.getMessage().contains("abc"), e.getMessage());
        assertThrows(HttpSourceException.class, () -> r.follow("https://user:pw@cdn.example/x"));
    }

    @Test
    void aChainLongerThanTheLimitEnds() throws HttpSourceException {
        Redirects r = new Redirects(SHOWN, URI.create("https://hub.example/0"), 2);
        r.follow("/1");
        r.follow("/2");
        HttpSourceException e = assertThrows(HttpSourceException.class, () -> r.follow("/3"));
        assertTrue(e.getMessage().contains("more than 2 redirects"), e.getMessage());
    }

    @Test
    void originsCompareWithTheDefaultPortMadeExplicit() {
        assertEquals(
                Redirects.origin(URI.create("https://Hub.example/a")),
                Redirects.origin(URI.create("https://hub.example:443/b")));
        assertFalse(Redirects.origin(URI.create("http://hub.example/a"))
                .equals(Redirects.origin(URI.create("https://hub.example/a"))));
    }
}
