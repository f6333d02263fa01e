package dev.modelcost.core.ir;

import java.util.Objects;

/**
 * The declared type of a value that is not a plain tensor (an ONNX sequence, map or optional), written as ONNX
 * writes type strings: {@code "map(string,tensor(float))"}, {@code "seq(map(int64,tensor(float)))"}. Analyses do
 * not look inside; it is kept so that reports print what the value is instead of an unknown tensor.
 */
public record ContainerType(String text) {
    public ContainerType {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
