package dev.modelcost.core.io.json;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void readsWhatPythonsJsonModuleWrites() throws Exception {
        Object v = Json.parse(
                "{\"a\": [1, -2.5e3, null, true, false], \"s\": \"q\\\"\\u00e9\\n\", \"x\": NaN, \"y\": -Infinity}",
                1000);
        Map<String, Object> m = (Map<String, Object>) v;
        List<Object> a = (List<Object>) m.get("a");
        assertEquals(List.of(1L, -2500.0, false), List.of(a.get(0), a.get(1), a.get(4)));
        assertEquals("q\"\u00e9\n", m.get("s"));
        assertTrue(((Double) m.get("x")).isNaN());
        assertEquals(Double.NEGATIVE_INFINITY, m.get("y"));
    }

    @Test
    void boundsAndErrors() {
        assertThrows(
                Json.JsonException.class,
                () -> Json.parse("[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2), 10_000));
        assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\": 1}", 3));
        assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\": }", 100));
        assertThrows(Json.JsonException.class, () -> Json.parse("[1, 2", 100));
        assertThrows(Json.JsonException.class, () -> Json.parse("\"unterminated", 100));
        assertThrows(Json.JsonException.class, () -> Json.parse("{} x", 100));
    }

    @Test
    @SuppressWarnings("unchecked")
    void repeatedMemberNamesAreRefusedOnlyWhenAsked() throws Exception {
        assertEquals(
                2L, ((Map<String, Object>) Json.parse("{\"a\": 1, \"a\": 2}", 100)).get("a"), "Python keeps the last");
        Json.JsonException e = assertThrows(
                Json.JsonException.class, () -> Json.parseUniqueNames("{\"t\": {\"a\": 1}, \"t\": {}}", 100));
        assertTrue(e.getMessage().contains("'t'"), e.getMessage());
    }

    @Test
    void membersAreVisitedOneAtATime() throws Exception {
        List<String> names = new ArrayList<>();
        Json.forEachMember(" {\"a\": {\"x\": [1]}, \"b\": 2} ", 100, (name, value) -> names.add(name + "=" + value));
        assertEquals(List.of("a={x=[1]}", "b=2"), names);
        assertThrows(Json.JsonException.class, () -> Json.forEachMember("{\"a\": 1, \"a\": 2}", 100, (n, v) -> {}));
        assertThrows(Json.JsonException.class, () -> Json.forEachMember("[1]", 100, (n, v) -> {}));
        assertThrows(Json.JsonException.class, () -> Json.forEachMember("{} {}", 100, (n, v) -> {}));
    }
}
