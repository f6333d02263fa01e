package dev.modelcost.cli;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.ir.DType;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The what-if options of every command that analyses a model: --batch, --dim, --dtype, --context (a picocli mixin). */
public final class AssumptionOptions {

    @Option(
            names = "--batch",
            description = "samples per step (default: the batch the file fixes, else 1); a batch the "
                    + "file fixes is re-batched")
    Long batch;

    @Option(
            names = "--dim",
            paramLabel = "NAME=VALUE",
            description = "value of a symbolic dimension, e.g. --dim seq=128 (repeatable); an input axis the file "
                    + "leaves unnamed (-1) and that is not the batch is INPUT.dimK, e.g. --dim input.dim0=100")
    Map<String, Long> dims = new LinkedHashMap<>();

    @Option(
            names = "--dtype",
            description = "what-if element type for floating-point activations (and, with inspect "
                    + "--training, parameters): fp32, fp16, bf16, int8 (default: as stored)")
    String dtype;

    @Option(
            names = "--context",
            paramLabel = "TOKENS",
            defaultValue = "0",
            description = "tokens of context for a "
                    + "transformer's KV cache and memory to run (default: the model's declared context length)")
    long contextTokens;

    /**
     * The largest --batch and --dim value taken: 2^31 - 1 samples or elements along one axis. Larger values make
     * no real model's totals representable and are a typing slip, so they are usage errors rather than a
     * "malformed file" blamed on the model.
     */
    static final long MAX_SIZE = Integer.MAX_VALUE;

    /** The element types --dtype accepts, as printed in its error. */
    static final List<String> DTYPE_CHOICES = List.of("fp32", "fp16", "bf16", "int8");

    /** The assumptions these options describe; a bad value is a usage error of {@code spec}'s command. */
    Assumptions toAssumptions(CommandLine.Model.CommandSpec spec, TrainingAssumptions training) {
        if (batch != null && (batch < 1 || batch > MAX_SIZE)) {
            throw usage(spec, "--batch must be between 1 and " + MAX_SIZE + ", not " + batch);
        }
        if (contextTokens < 0 || contextTokens > MAX_SIZE) {
            throw usage(spec, "--context must be between 1 and " + MAX_SIZE + " tokens, not " + contextTokens);
        }
        for (Map.Entry<String, Long> d : dims.entrySet()) {
            if (d.getKey().isBlank()) {
                throw usage(spec, "--dim needs NAME=VALUE with a dimension name, not '=" + d.getValue() + "'");
            }
            if (d.getValue() < 0 || d.getValue() > MAX_SIZE) { // 0 is real: an empty KV cache (past length 0)
                throw usage(
                        spec, "--dim " + d.getKey() + " must be between 0 and " + MAX_SIZE + ", not " + d.getValue());
            }
        }
        return new Assumptions(
                batch == null ? 1 : batch, dims, whatIfType(spec), training, contextTokens, batch != null);
    }

    private DType whatIfType(CommandLine.Model.CommandSpec spec) {
        if (dtype == null) {
            return null;
        }
        String wanted = dtype.toLowerCase(Locale.ROOT);
        if (!DTYPE_CHOICES.contains(wanted)) {
            throw usage(spec, "unknown --dtype '" + dtype + "'; choose one of " + String.join(", ", DTYPE_CHOICES));
        }
        return DType.fromShortName(wanted);
    }

    private static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
