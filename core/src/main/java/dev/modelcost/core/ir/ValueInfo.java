package dev.modelcost.core.ir;

/**
 * A named value of the graph with its declared type (which may be partly or wholly unknown). A sequence, map or
 * optional value also has its {@code container} type; its {@code type} then stands for the element values (a map's
 * value type, else unknown).
 */
public record ValueInfo(String name, TensorType type, ContainerType container) {
    public ValueInfo {
        if (type == null) {
            type = TensorType.UNKNOWN;
        }
    }

    public ValueInfo(String name, TensorType type) { this(name, type, null); }

    public boolean isTensor() { return container == null; }

    /** The same value with another tensor type, keeping its container type. */
    public ValueInfo withType(TensorType t) { return new ValueInfo(name, t, container); }
}
