package dev.modelcost.core.ir;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One operation. Inputs and outputs are value names; an empty input name is an omitted optional input.
 * {@code domain} is "" for the standard ONNX domain; Keras and DL4J layers use "keras" and "dl4j".
 */
public record Node(
        String name,
        String domain,
        String opType,
        List<String> inputs,
        List<String> outputs,
        Map<String, Attr> attributes) {

    public static final String ONNX_DOMAIN = "";

    public Node {
        Objects.requireNonNull(opType, "opType");
        name = name == null ? "" : name;
        domain = domain == null || domain.equals("ai.onnx") ? ONNX_DOMAIN : domain;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    public Optional<Attr> attr(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    public OptionalLong intAttr(String key) {
        return attributes.get(key) instanceof Attr.Int i ? OptionalLong.of(i.value()) : OptionalLong.empty();
    }

    public long intAttr(String key, long fallback) {
        return intAttr(key).orElse(fallback);
    }

    public double floatAttr(String key, double fallback) {
        Attr a = attributes.get(key);
        if (a instanceof Attr.Float f) {
            return f.value();
        }
        return a instanceof Attr.Int i ? i.value() : fallback;
    }

    public Optional<long[]> intsAttr(String key) {
        return attributes.get(key) instanceof Attr.Ints i ? Optional.of(i.toArray()) : Optional.empty();
    }

    public Optional<String> stringAttr(String key) {
        return attributes.get(key) instanceof Attr.Str s ? Optional.of(s.value()) : Optional.empty();
    }

    /** Input name at {@code index}, or "" when absent or omitted. */
    public String input(int index) {
        return index < inputs.size() ? inputs.get(index) : "";
    }

    public boolean hasInput(int index) {
        return !input(index).isEmpty();
    }

    /** A readable label for messages: the name, else the first output. */
    public String label() {
        if (!name.isEmpty()) {
            return name;
        }
        return outputs.isEmpty() ? opType : outputs.get(0);
    }
}
