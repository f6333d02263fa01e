package dev.modelcost.core.ir;

/**
 * A node's multiply-accumulates as its importer derived them from the layer configuration, per unit of a shape
 * only known at analysis time: {@code macsPerUnit} times the output elements, the input elements, or the input
 * rows (input elements / {@code rowFeatures}: one per sample and time step).
 */
public record MacsRate(Per per, long macsPerUnit, long rowFeatures) {
    public enum Per {
        /** No multiply-accumulates counted. */
        NONE,
        OUTPUT_ELEMENT,
        INPUT_ELEMENT,
        INPUT_ROW,
        /** The importer cannot tell: the MAC total becomes a lower bound. */
        UNKNOWN
    }

    public static final MacsRate NONE = new MacsRate(Per.NONE, 0, 0);
    public static final MacsRate UNKNOWN = new MacsRate(Per.UNKNOWN, 0, 0);

    public static MacsRate perOutputElement(long macs) {
        return new MacsRate(Per.OUTPUT_ELEMENT, macs, 0);
    }

    public static MacsRate perInputElement(long macs) {
        return new MacsRate(Per.INPUT_ELEMENT, macs, 0);
    }

    public static MacsRate perInputRow(long macs, long rowFeatures) {
        return new MacsRate(Per.INPUT_ROW, macs, rowFeatures);
    }
}
