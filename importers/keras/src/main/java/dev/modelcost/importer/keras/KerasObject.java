package dev.modelcost.importer.keras;

import java.util.Map;

/**
 * Keras's serialized form of a layer, model, optimizer or initializer: {@code {"class_name": …, "config": {…}}}
 * as parsed JSON. Tolerant of what is missing (an empty config, an empty class name).
 */
final class KerasObject {
    private KerasObject() {}

    /** The "config" of a {class_name, config} object; Keras 1 Sequential configs are bare lists (empty here). */
    static Map<String, Object> config(Object object) {
        return JsonValues.map(JsonValues.map(object).get("config"));
    }

    static String className(Object object) {
        return JsonValues.str(JsonValues.map(object), "class_name", "");
    }
}
