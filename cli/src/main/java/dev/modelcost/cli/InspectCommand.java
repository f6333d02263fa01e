package dev.modelcost.cli;

import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.cli.format.ReportFormats;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** modelcost inspect FILE: the per-layer table and totals, or the JSON contract. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Report shapes, parameters, MACs, activation memory and the file's bytes of one model file.",
        footer = ExitCodes.HELP)
public final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "model file: .onnx, Keras .h5/.keras, DL4J .zip (told by content)")
    Path file;

    @CommandLine.Mixin
    FormatOptions format = new FormatOptions();

    @Option(names = "--batch", defaultValue = "1", description = "samples per step for activation memory (default: ${DEFAULT-VALUE})")
    long batch;

    @Option(names = "--dim", paramLabel = "NAME=VALUE", description = "value of a symbolic dimension, e.g. --dim seq=128 (repeatable)")
    Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = "--dtype", description = "what-if element type for activations: fp32, fp16, bf16, int8 (default: as stored)")
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
        var f = FormatChoice.of(ReportFormats.ALL, format, spec);
        Report report = ModelCost.standard().inspect(file, new Assumptions(batch, dims, what));
        f.write(report, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
