package dev.modelcost.importer.gguf;

import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitModelTest {
    @TempDir
    Path dir;

    @Test
    void missingPartIsAWarningAndTheCountDisagrees() throws Exception {
        Path first = dir.resolve("m-00001-of-00003.gguf");
        Files.write(
                first,
                new GgufFixture()
                        .u32("split.tensors.count", 3)
                        .tensor("a.weight", 0, 0, 8)
                        .data(32)
                        .bytes());
        Files.write(
                dir.resolve("m-00003-of-00003.gguf"),
                new GgufFixture().tensor("c.weight", 0, 0, 8).data(32).bytes());
        ImportedModel m = Imports.read(first);
        String all = String.join(
                "\n", m.diagnostics().stream().map(Diagnostic::message).toList());
        assertTrue(all.contains("split part 'm-00002-of-00003.gguf' is missing"), all);
        assertTrue(all.contains("split.tensors.count says 3 tensors, the parts hold 2"), all);
        assertEquals(2, m.graph().tensors().size());
        assertEquals(1, m.externalFileBytes().size());
    }

    @Test
    void laterPartAloneIsReportedAlone() throws Exception {
        Path second = dir.resolve("m-00002-of-00002.gguf");
        Files.write(
                second, new GgufFixture().tensor("b.weight", 0, 0, 8).data(32).bytes());
        ImportedModel m = Imports.read(second);
        assertEquals(1, m.graph().tensors().size());
        assertTrue(m.diagnostics().stream().anyMatch(d -> d.message().contains("inspect part 1 for the whole model")));
    }
}
