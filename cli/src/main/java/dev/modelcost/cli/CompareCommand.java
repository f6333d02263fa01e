package dev.modelcost.cli;

import dev.modelcost.cli.format.ComparisonFormats;
import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.compare.ReportComparison;
import dev.modelcost.core.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** modelcost compare A B: two models (or one model in two formats) side by side, and what explains each difference. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compare two model files under the same assumptions: parameters by role and element type, MACs, "
                    + "activation memory, op counts and the file's bytes by category, with what explains each difference.",
            "Formats: text, json, jsonl, csv, markdown."
        },
        footer = ExitCodes.HELP)
public final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "A",
            description = "first model file (any format, told by content), or an http(s) URL of one")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "second model file or URL")
    String b;

    @CommandLine.Mixin
    RemoteOptions remote = new RemoteOptions();

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
        Report first = ModelArguments.inspect(mc, a, assumptions, remote, spec);
        Report second = ModelArguments.inspect(mc, b, assumptions, remote, spec);
        f.write(ReportComparison.of(first, second), spec.commandLine().getOut());
        ModelArguments.noteFetch(first, spec);
        ModelArguments.noteFetch(second, spec);
        return ExitCodes.OK;
    }
}
