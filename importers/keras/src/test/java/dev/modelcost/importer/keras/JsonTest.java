package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void readsWhatPythonsJsonModuleWrites() throws Exception {
        Object v = Json.parse("{\"a\": [1, -2.5e3, null, true, false], \"s\": \"q\\\"\\u00e9\\n\", \"x\": NaN, \"y\": -Infinity}", 1000);
        Map<String, Object> m = JsonValues.map(v);
        assertEquals(List.of(1L, -2500.0, false), List.of(JsonValues.list(m.get("a")).get(0), JsonValues.list(m.get("a")).get(1),
                JsonValues.list(m.get("a")).get(4)));
        assertEquals("q\"\u00e9\n", m.get("s"));
        assertTrue(((Double) m.get("x")).isNaN());
        assertEquals(Double.NEGATIVE_INFINITY, m.get("y"));
    }

    @Test
    void boundsAndErrors() {
        assertThrows(Json.JsonException.class, () -> Json.parse("[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2), 10_000));
        assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\": 1}", 3));
        assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\": }", 100));
        assertThrows(Json.JsonException.class, () -> Json.parse("[1, 2", 100));
        assertThrows(Json.JsonException.class, () -> Json.parse("\"unterminated", 100));
        assertThrows(Json.JsonException.class, () -> Json.parse("{} x", 100));
    }

    @Test
    void snakeCaseFollowsKeras() {
        assertEquals("conv2d", ArchiveLayout.snakeCase("Conv2D"));
        assertEquals("batch_normalization", ArchiveLayout.snakeCase("BatchNormalization"));
        assertEquals("global_average_pooling1d", ArchiveLayout.snakeCase("GlobalAveragePooling1D"));
        assertEquals("re_lu", ArchiveLayout.snakeCase("ReLU"));
        assertEquals("lstm", ArchiveLayout.snakeCase("LSTM"));
    }
}
