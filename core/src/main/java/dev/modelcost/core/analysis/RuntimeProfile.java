package dev.modelcost.core.analysis;

import java.util.Locale;

/**
 * Which runtime the activation memory is predicted for (docs/memory.md, "Runtime profiles"). {@link #IDEAL} is the
 * liveness peak of the exported graph, the default; the others add, term by term, what that runtime really does with
 * the same graph: its allocator, its in-place and layout rules, its kernels' temporary buffers.
 */
public enum RuntimeProfile {
    /** Every value freed at its last reader, nothing else: a lower bound no runtime beats by much. */
    IDEAL,
    /** ONNX Runtime's CPU execution provider with its default session options, one intra-op thread. */
    ONNXRUNTIME,
    /** PyTorch eager mode on the CPU (the c10 allocator, oneDNN convolutions), one intra-op thread. */
    PYTORCH;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuntimeProfile fromName(String name) {
        for (RuntimeProfile r : values()) {
            if (r.cliName().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown runtime '" + name + "'");
    }
}
