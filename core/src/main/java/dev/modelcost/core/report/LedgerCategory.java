package dev.modelcost.core.report;

/** The fixed categories that partition a model file's bytes. */
public enum LedgerCategory {
    PARAMETERS("parameters"),
    CONSTANTS("constants"),
    OPTIMIZER_STATE("optimizer-state"),
    GRAPH_AND_CONFIG("graph-and-config"),
    CONTAINER_OVERHEAD("container-overhead"),
    DUPLICATES("duplicates"),
    PADDING_AND_FREE_SPACE("padding-and-free-space"),
    /**
     * Payload bytes the model names in an external data file that is not there: not on disk, so not part of the
     * partition of the file's bytes; listed so that a model that cannot run says what it lacks. The entry's detail
     * is the file's name as the model gives it, its count the tensors expected there.
     */
    MISSING_EXTERNAL_DATA("missing-external-data");

    private final String jsonName;

    LedgerCategory(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
