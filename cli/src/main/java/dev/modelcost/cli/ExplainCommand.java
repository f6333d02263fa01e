package dev.modelcost.cli;

import dev.modelcost.cli.format.ExplanationJsonFormatter;
import dev.modelcost.cli.format.ExplanationTextFormatter;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.SizeExplainer;
import dev.modelcost.core.report.SizeExplanation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** modelcost explain FILE: why the file is not "parameters × 4 bytes", cause by cause, from the byte ledger. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Explain the gap between parameters x 4 bytes and the model's size on disk, each cause with its bytes.",
        footer = ExitCodes.HELP)
public final class ExplainCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "model file: .onnx, Keras .h5/.keras, DL4J .zip (told by content)")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--stacktrace", description = "print the stack trace of an error")
    boolean stacktrace;

    @Override
    public Integer call() throws Exception {
        SizeExplanation e = SizeExplainer.explain(ModelCost.standard().inspect(file));
        if (format == Format.json) {
            new ExplanationJsonFormatter().write(e, spec.commandLine().getOut());
        } else {
            new ExplanationTextFormatter().write(e, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
