package dev.modelcost.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/cli.md and the completion script are generated from the annotations; committed copies must be current. */
class CliDocsTest {
    private static final boolean REGENERATE = Boolean.getBoolean("modelcost.regenerate");
    private static final Path DOCS = Path.of("../docs");

    private static void current(String name, String generated) throws Exception {
        Path file = DOCS.resolve(name);
        if (REGENERATE) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(file), file + " missing; run with -Dmodelcost.regenerate=true");
        assertEquals(
                Files.readString(file, StandardCharsets.UTF_8),
                generated,
                "docs/" + name + " is stale: rerun this test with -Dmodelcost.regenerate=true and commit the result");
    }

    @Test
    void cliMarkdownIsCurrent() throws Exception {
        current("cli.md", CliDocs.markdown());
    }

    @Test
    void completionScriptIsCurrentAndAlsoWrittenToTarget() throws Exception {
        String script = CliDocs.completionScript();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/modelcost_completion.bash"), script, StandardCharsets.UTF_8);
        assertTrue(script.contains("inspect") && script.contains("compare") && script.contains("--format"));
        current("modelcost_completion.bash", script);
    }

    @Test
    void theCompletionSubcommandPrintsTheScript() {
        InspectCommandTest.Run r = InspectCommandTest.run("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "inspect", "compare"})
    void everyCommandHasHelpAndVersionAndDocumentsTheExitCodes(String command) {
        String[] help = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        String[] version = command.isEmpty() ? new String[] {"--version"} : new String[] {command, "--version"};
        InspectCommandTest.Run h = InspectCommandTest.run(help);
        assertEquals(0, h.code());
        assertTrue(h.out().contains("3  valid but unsupported model"), h.out());
        InspectCommandTest.Run v = InspectCommandTest.run(version);
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("modelcost "), v.out());
    }
}
