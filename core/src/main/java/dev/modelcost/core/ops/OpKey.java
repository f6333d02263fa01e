package dev.modelcost.core.ops;

/** Identifies an operator rule: domain ("" for ai.onnx), op type, and the opset version it applies from. */
public record OpKey(String domain, String opType, int sinceVersion) implements Comparable<OpKey> {
    @Override
    public int compareTo(OpKey o) {
        int c = domain.compareTo(o.domain);
        if (c == 0) {
            c = opType.compareTo(o.opType);
        }
        return c != 0 ? c : Integer.compare(sinceVersion, o.sinceVersion);
    }

    @Override
    public String toString() {
        return (domain.isEmpty() ? "" : domain + ":") + opType + "-" + sinceVersion;
    }
}
