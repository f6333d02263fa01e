package dev.modelcost.source.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SiblingLocationsTest {

    private static final URI MODEL = URI.create("https://hub.example/org/repo/resolve/main/model.onnx?download=1");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "model.onnx_data|https://hub.example/org/repo/resolve/main/model.onnx_data",
                "weights/w 1.bin|https://hub.example/org/repo/resolve/main/weights/w%201.bin",
                "a?b#c|https://hub.example/org/repo/resolve/main/a%3Fb%23c",
                "%2e%2e/x|https://hub.example/org/repo/resolve/main/%252e%252e/x",
                "http:x|https://hub.example/org/repo/resolve/main/http%3Ax",
                "données.bin|https://hub.example/org/repo/resolve/main/donn%C3%A9es.bin"
            })
    void resolvesBesideTheModelWithEverySegmentEncoded(String relative, String expected) {
        assertEquals(URI.create(expected), SiblingLocations.resolve(MODEL, relative));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "../secret",
                "a/../../b",
                "a/./b",
                "/etc/passwd",
                "//evil.example/x",
                "a\\..\\b",
                "a//b",
                "..",
                ".",
                "a/\u0000b",
                "a\nb"
            })
    void refusesWhatCouldLeadOutOfTheFolder(String relative) {
        assertThrows(IllegalArgumentException.class, () -> SiblingLocations.resolve(MODEL, relative));
    }
}
