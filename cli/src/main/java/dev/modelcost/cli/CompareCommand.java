package dev.modelcost.cli;

import dev.modelcost.cli.format.ComparisonFormats;
import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.compare.ReportComparison;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
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

    @CommandLine.Mixin
    AssumptionOptions what = new AssumptionOptions();

    @Option(names = "--stacktrace", description = "print the stack trace of an error")
    boolean stacktrace;

    @Override
    public Integer call() throws Exception {
        var f = FormatChoice.of(ComparisonFormats.ALL, format, spec);
        Assumptions assumptions = what.toAssumptions(spec, null);
        ModelCost mc = ModelCost.standard();
        f.write(ReportComparison.of(mc.inspect(a, assumptions), mc.inspect(b, assumptions)), spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
