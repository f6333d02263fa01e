package dev.modelcost.cli;

import dev.modelcost.cli.format.ExplanationFormats;
import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.SizeExplainer;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.SizeExplanation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** modelcost explain FILE: why the file is not "parameters × 4 bytes", cause by cause, from the byte ledger. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Explain the gap between parameters x 4 bytes and the model's size on disk, each cause with its bytes.",
            "Formats: text, json, jsonl, markdown."
        },
        footer = ExitCodes.HELP)
public final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description =
                    "model file: .onnx, Keras .h5/.keras, DL4J .zip, safetensors, GGUF, TFLite .tflite, PyTorch .pt/.pth/.bin (told by content), "
                            + "or an http(s) URL of one, read by range requests")
    String file;

    @CommandLine.Mixin
    RemoteOptions remote = new RemoteOptions();

    @CommandLine.Mixin
    FormatOptions format = new FormatOptions();

    @Option(names = "--stacktrace", description = "print the stack trace of an error")
    boolean stacktrace;

    @Override
    public Integer call() throws Exception {
        var f = FormatChoice.of(ExplanationFormats.ALL, format, spec);
        Report report = ModelArguments.inspect(ModelCost.standard(), file, Assumptions.DEFAULT, remote, spec);
        SizeExplanation e = SizeExplainer.explain(report);
        f.write(e, spec.commandLine().getOut());
        ModelArguments.noteFetch(report, spec);
        return ExitCodes.OK;
    }
}
