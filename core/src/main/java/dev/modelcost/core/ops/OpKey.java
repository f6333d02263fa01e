package dev.modelcost.core.ops;

import java.util.ArrayList;
import java.util.List;

/** Identifies an operator rule: domain ("" for ai.onnx), op type, and the opset version it applies from. */
public record OpKey(String domain, String opType, int sinceVersion) implements Comparable<OpKey> {
    /** The default (ai.onnx) domain. */
    public static final String ONNX = "";

    /** {@code opType} of the default domain from opset 1. */
    public static OpKey onnx(String opType) {
        return new OpKey(ONNX, opType, 1);
    }

    /** {@code opType} of the default domain from opset {@code since}. */
    public static OpKey onnx(String opType, int since) {
        return new OpKey(ONNX, opType, since);
    }

    /** Each of {@code opTypes} in {@code domain} from version {@code since}. */
    public static List<OpKey> each(String domain, int since, String... opTypes) {
        List<OpKey> keys = new ArrayList<>(opTypes.length);
        for (String op : opTypes) {
            keys.add(new OpKey(domain, op, since));
        }
        return List.copyOf(keys);
    }

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
