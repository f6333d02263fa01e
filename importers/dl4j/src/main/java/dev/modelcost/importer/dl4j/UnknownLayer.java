package dev.modelcost.importer.dl4j;

import org.nd4j.shade.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer the configuration names but DL4J cannot build (its class is not on the class path), as far as
 * the raw JSON tells: its name, class, layer JSON and parameter variable names.
 */
record UnknownLayer(String name, String className, JsonNode layer, List<String> variables) {
    static final String UNNAMED_CLASS = "(unnamed layer class)";

    /** From a layer configuration ({"layer": {...}, "variables": [...]}); unnamed layers take their index. */
    static UnknownLayer parse(JsonNode conf, int index) {
        JsonNode layer = conf.path("layer");
        String cls = layer.path("@class").asText("");
        if (cls.isEmpty() && layer.isObject() && layer.size() == 1) {
            cls = layer.fieldNames().next(); // pre-1.0.0-beta JSON: {"dense": {...}}
            layer = layer.path(cls);
        }
        if (cls.isEmpty()) {
            cls = UNNAMED_CLASS;
        }
        String name = layer.path("layerName").isTextual() ? layer.path("layerName").asText() : String.valueOf(index);
        List<String> vars = new ArrayList<>();
        conf.path("variables").forEach(v -> vars.add(v.asText()));
        return new UnknownLayer(name, cls, layer, vars);
    }

    /** The same layer under another name and class (a graph vertex's key, its own {@code @class}). */
    UnknownLayer as(String newName, String newClassName) {
        return new UnknownLayer(newName, newClassName, layer, variables);
    }
}
