package dev.modelcost.cli;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.ir.DType;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The what-if options of every command that analyses a model: --batch, --dim, --dtype, --context (a picocli mixin). */
public final class AssumptionOptions {

    @Option(names = "--batch", defaultValue = "1", description = "samples per step for activation memory (default: ${DEFAULT-VALUE})")
    long batch;

    @Option(names = "--dim", paramLabel = "NAME=VALUE", description = "value of a symbolic dimension, e.g. --dim seq=128 (repeatable)")
    Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = "--dtype", description = "what-if element type for floating-point activations (and, with --training, "
            + "parameters): fp32, fp16, bf16, int8 (default: as stored)")
    String dtype;

    @Option(names = "--context", paramLabel = "TOKENS", defaultValue = "0", description = "tokens of context for a "
            + "transformer's KV cache and memory to run (default: the model's declared context length)")
    long contextTokens;

    /** The assumptions these options describe; a bad value is a usage error of {@code spec}'s command. */
    Assumptions toAssumptions(CommandLine.Model.CommandSpec spec, TrainingAssumptions training) {
        if (batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be at least 1");
        }
        if (contextTokens < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--context must be at least 1 token");
        }
        DType what = null;
        if (dtype != null) {
            try {
                what = DType.fromShortName(dtype);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown --dtype '" + dtype + "'");
            }
        }
        return new Assumptions(batch, dims, what, training, contextTokens);
    }
}
