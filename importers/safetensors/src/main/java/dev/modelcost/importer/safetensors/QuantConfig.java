package dev.modelcost.importer.safetensors;

/**
 * The part of a Hugging Face {@code quantization_config} that says how weights are packed: the method
 * ("gptq", "awq", "bitsandbytes", ...) and the bits per weight (0 where not given).
 */
record QuantConfig(String method, int bits) {
    static final QuantConfig NONE = new QuantConfig("", 0);

    boolean isAwq() {
        return method.equalsIgnoreCase("awq");
    }
}
