package dev.modelcost.core.report;

/** The fixed categories that partition a model file's bytes. */
public enum LedgerCategory {
    PARAMETERS("parameters"),
    CONSTANTS("constants"),
    OPTIMIZER_STATE("optimizer-state"),
    GRAPH_AND_CONFIG("graph-and-config"),
    CONTAINER_OVERHEAD("container-overhead"),
    DUPLICATES("duplicates"),
    PADDING_AND_FREE_SPACE("padding-and-free-space");

    private final String jsonName;

    LedgerCategory(String jsonName) { this.jsonName = jsonName; }

    public String jsonName() { return jsonName; }
}
