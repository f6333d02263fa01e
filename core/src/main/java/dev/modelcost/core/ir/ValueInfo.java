package dev.modelcost.core.ir;

/** A named value of the graph with its declared type (which may be partly or wholly unknown). */
public record ValueInfo(String name, TensorType type) {
    public ValueInfo {
        if (type == null) {
            type = TensorType.UNKNOWN;
        }
    }
}
