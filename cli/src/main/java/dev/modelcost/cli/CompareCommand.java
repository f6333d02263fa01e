package dev.modelcost.cli;

import dev.modelcost.cli.format.ComparisonFormats;
import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.compare.ReportComparison;
import dev.modelcost.core.ir.DType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** modelcost compare A B: two models (or one model in two formats) side by side, and what explains each difference. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Compare two model files under the same assumptions: parameters by role and element type, MACs, "
                + "activation memory, op counts and the file's bytes by category, with what explains each difference.",
                "Formats: text, json, jsonl, csv, markdown."},
        footer = ExitCodes.HELP)
public final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "first model file (any format, told by content)")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "second model file")
    Path b;

    @CommandLine.Mixin
    FormatOptions format = new FormatOptions();

    @Option(names = "--batch", defaultValue = "1", description = "samples per step for activation memory (default: ${DEFAULT-VALUE})")
    long batch;

    @Option(names = "--dim", paramLabel = "NAME=VALUE", description = "value of a symbolic dimension in both models (repeatable)")
    Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = "--dtype", description = "what-if element type for activations in both models: fp32, fp16, bf16, int8")
    String dtype;

    @Option(names = "--stacktrace", description = "print the stack trace of an error")
    boolean stacktrace;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be at least 1");
        }
        DType what = null;
        if (dtype != null) {
            try {
                what = DType.fromShortName(dtype);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown --dtype '" + dtype + "'");
            }
        }
        var f = FormatChoice.of(ComparisonFormats.ALL, format, spec);
        Assumptions assumptions = new Assumptions(batch, dims, what);
        ModelCost mc = ModelCost.standard();
        f.write(ReportComparison.of(mc.inspect(a, assumptions), mc.inspect(b, assumptions)), spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
