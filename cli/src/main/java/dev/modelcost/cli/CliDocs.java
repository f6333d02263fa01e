package dev.modelcost.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates the command-line documentation from the picocli annotations: {@code docs/cli.md} (every command's
 * help text) and the bash/zsh completion script. The tests regenerate both and fail when the committed files
 * are stale; {@code CliDocs DOCS_DIR} (or the tests with -Dmodelcost.regenerate=true) rewrites them.
 */
public final class CliDocs {
    private CliDocs() {}

    public static String markdown() {
        CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        StringBuilder md = new StringBuilder();
        md.append("# modelcost command line\n\n")
                .append("Generated from the picocli annotations by `dev.modelcost.cli.CliDocs`; ")
                .append("`CliDocsTest` fails when this file is stale (regenerate: ")
                .append("`mvn -o -pl core,importers/onnx,cli -am test -Dtest=CliDocsTest -Dmodelcost.regenerate=true ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false`).\n\n")
                .append(
                        "Every command accepts `--help` and `--version`. Shell completion: `source docs/modelcost_completion.bash` ")
                .append("(bash and zsh), or `source <(modelcost generate-completion)`.\n");
        append(md, root);
        return md.toString();
    }

    private static void append(StringBuilder md, CommandLine cl) {
        if (cl.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        md.append("\n## ")
                .append(cl.getCommandSpec().qualifiedName())
                .append("\n\n```\n")
                .append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
                .append("\n```\n");
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals(e.getValue().getCommandName())) { // aliases once
                append(md, e.getValue());
            }
        }
    }

    public static String completionScript() {
        CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return AutoComplete.bash("modelcost", root);
    }

    /** Usage: CliDocs DOCS_DIR — writes cli.md and modelcost_completion.bash there. */
    public static void main(String[] args) throws IOException {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("cli.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(docs.resolve("modelcost_completion.bash"), completionScript(), StandardCharsets.UTF_8);
    }
}
