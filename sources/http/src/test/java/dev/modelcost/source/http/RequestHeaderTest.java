package dev.modelcost.source.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestHeaderTest {

    @Test
    void oneHeaderALineBlankLinesSkipped() {
        List<RequestHeader> headers = RequestHeader.parseLines("Authorization: Bearer abc\n\nX-Api-Key:  k1 \r\n");
        assertEquals(
                List.of(new RequestHeader("Authorization", "Bearer abc"), new RequestHeader("X-Api-Key", "k1")),
                headers);
    }

    @Test
    void valuesAreNeverShown() {
        RequestHeader h = new RequestHeader("Authorization", "Bearer s3cret");
        assertEquals("Authorization: <hidden>", h.toString());
        assertFalse(
                HttpSourceOptions.defaults().withHeaders(List.of(h)).toString().contains("s3cret"));
    }

    @Test
    void aBadLineIsNamedByItsNumberNotEchoed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> RequestHeader.parseLines("Authorization: ok\nBearer s3cret"));
        assertEquals("header line 2 is not 'Name: value'", e.getMessage());
    }

    @Test
    void headersTheReaderSetsItselfAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RequestHeader.parseLines("Range: bytes=0-"));
        assertThrows(IllegalArgumentException.class, () -> RequestHeader.parseLines("Host: elsewhere"));
        assertThrows(IllegalArgumentException.class, () -> new RequestHeader("Bad Name", "x"));
    }
}
