package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Diagnostic;
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
        String name =
                layer.path("layerName").isTextual() ? layer.path("layerName").asText() : String.valueOf(index);
        List<String> vars = new ArrayList<>();
        conf.path("variables").forEach(v -> vars.add(v.asText()));
        return new UnknownLayer(name, cls, layer, vars);
    }

    /** The same layer under another name and class (a graph vertex's key, its own {@code @class}). */
    UnknownLayer as(String newName, String newClassName) {
        return new UnknownLayer(newName, newClassName, layer, variables);
    }

    /**
     * The parameters {@code params} values of coefficients.bin stand for: W [nIn, nOut] and b [1, nOut] where the
     * variables are W and b and nIn·nOut + nOut matches, else one block of "other" parameters.
     */
    List<ParamLayout.Param> params(long params) {
        if (params <= 0) {
            return List.of();
        }
        long nIn = layer.path("nin").asLong(layer.path("nIn").asLong(-1));
        long nOut = layer.path("nout").asLong(layer.path("nOut").asLong(-1));
        if (variables.equals(List.of("W", "b")) && nIn > 0 && nOut > 0 && nIn * nOut + nOut == params) {
            return List.of(
                    new ParamLayout.Param("W", new long[] {nIn, nOut}, TensorRole.WEIGHT, true),
                    new ParamLayout.Param("b", new long[] {1, nOut}, TensorRole.BIAS, true));
        }
        return List.of(new ParamLayout.Param("params", new long[] {params}, TensorRole.OTHER_PARAMETER, true));
    }

    /** What the report says of the layer: its class is missing, and what its parameters are taken to be. */
    Diagnostic diagnostic(long params, List<ParamLayout.Param> layout) {
        return Diagnostic.warning("layer '" + name + "': class " + className
                + " is not on the class path (a custom layer): its type is unknown"
                + (params > 0
                        ? "; its " + params + " parameters are what coefficients.bin holds beyond the known layers"
                                + (layout.size() == 2 ? ", matching W [nIn, nOut] and b [1, nOut]" : "")
                        : ""));
    }
}
