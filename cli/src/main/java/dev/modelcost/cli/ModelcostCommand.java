package dev.modelcost.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: only subcommands. */
@Command(
        name = "modelcost",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Audits neural-network model files (ONNX, Keras HDF5, DeepLearning4J): shapes, parameters, "
                + "MACs, activation memory, and every byte of the file.",
        subcommands = {
            InspectCommand.class,
            ExplainCommand.class,
            CompareCommand.class,
            AuditCommand.class,
            CommandLine.HelpCommand.class,
            picocli.AutoComplete.GenerateCompletion.class
        },
        footer = ExitCodes.HELP)
public final class ModelcostCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required (try 'modelcost inspect FILE')");
    }
}
