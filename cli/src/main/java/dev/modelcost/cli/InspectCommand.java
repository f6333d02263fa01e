package dev.modelcost.cli;

import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.cli.format.OutputFormat;
import dev.modelcost.cli.format.ReportFormats;
import dev.modelcost.cli.format.TopOptions;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Optimizer;
import dev.modelcost.core.analysis.RuntimeProfile;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;

/** modelcost inspect FILE: the per-layer table and totals, or the JSON contract. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Report shapes, parameters, MACs, activation memory and the file's bytes of one model file.",
        footer = ExitCodes.HELP)
public final class InspectCommand implements Callable<Integer> {

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

    @CommandLine.Mixin
    TopOptions top = new TopOptions();

    @CommandLine.Mixin
    GateOptions gates = new GateOptions();

    @CommandLine.Mixin
    AssumptionOptions assumptions = new AssumptionOptions();

    @Option(names = "--training", description = "also report the memory of one training step (docs/memory.md)")
    boolean training;

    @Option(
            names = "--optimizer",
            paramLabel = "NAME",
            description =
                    "optimizer for --training, sets its state slots: "
                            + "sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, adadelta, none (default: adam; implies --training)")
    String optimizer;

    @Option(
            names = "--mixed-precision",
            arity = "0..1",
            paramLabel = "fp16|bf16",
            preprocessor = HalfTypeOnly.class,
            description =
                    "train in fp16 (default) or bf16 with fp32 master weights and optimizer state (implies --training)")
    String mixedPrecision;

    @Option(
            names = "--runtime",
            paramLabel = "NAME",
            description = "whose activation memory to predict: ideal (the graph's liveness peak, the default), "
                    + "onnxruntime or pytorch (CPU, the runtime's allocator, layouts and kernels; docs/memory.md)")
    String runtime;

    @Option(names = "--stacktrace", description = "print the stack trace of an error")
    boolean stacktrace;

    @Override
    public Integer call() throws Exception {
        if (!file.contains("://") && Files.isDirectory(Path.of(file))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    file + " is a folder; 'modelcost audit " + file + "' reports every model file in it");
        }
        var f = FormatChoice.of(ReportFormats.ALL, format.withTop(top), spec);
        TrainingAssumptions training = trainingAssumptions();
        if (training != null && format.format() == OutputFormat.csv) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--training is not part of the csv format "
                            + "(one record per layer); use --format text, json, jsonl, markdown or html");
        }
        Report report = ModelArguments.inspect(
                ModelCost.standard(),
                file,
                assumptions.toAssumptions(spec, training).withRuntime(runtimeProfile()),
                remote,
                spec);
        f.write(report, spec.commandLine().getOut());
        return GateOptions.exitCode(gates.crossedBy(report), spec.commandLine().getErr());
    }

    /**
     * Lets {@code --mixed-precision} stand alone before FILE: it takes the next argument only when that is a half
     * type (or it is attached with '='), and means fp16 otherwise.
     */
    static final class HalfTypeOnly implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(
                Stack<String> args,
                CommandLine.Model.CommandSpec spec,
                CommandLine.Model.ArgSpec argSpec,
                Map<String, Object> info) {
            Object separator = info.get("separator");
            if (separator != null && !separator.toString().isBlank()) {
                return false;
            }
            String next = args.isEmpty() ? "" : args.peek().toLowerCase(Locale.ROOT);
            argSpec.setValue(next.equals("fp16") || next.equals("bf16") ? args.pop() : "fp16");
            return true;
        }
    }

    private RuntimeProfile runtimeProfile() {
        if (runtime == null) {
            return RuntimeProfile.IDEAL;
        }
        try {
            return RuntimeProfile.fromName(runtime);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "unknown --runtime '" + runtime + "'; choose ideal, onnxruntime or pytorch");
        }
    }

    /** Null for inference only; --optimizer and --mixed-precision imply --training. */
    private TrainingAssumptions trainingAssumptions() {
        if (!training && optimizer == null && mixedPrecision == null) {
            return null;
        }
        Optimizer o;
        try {
            o = optimizer == null ? Optimizer.ADAM : Optimizer.fromName(optimizer);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --optimizer '" + optimizer + "'");
        }
        DType half = null;
        if (mixedPrecision != null) {
            half = switch (mixedPrecision.toLowerCase(Locale.ROOT)) {
                case "fp16" -> DType.FLOAT16;
                case "bf16" -> DType.BFLOAT16;
                default -> throw new CommandLine.ParameterException(
                        spec.commandLine(), "--mixed-precision is fp16 or bf16, not '" + mixedPrecision + "'");
            };
        }
        return new TrainingAssumptions(o, half);
    }
}
