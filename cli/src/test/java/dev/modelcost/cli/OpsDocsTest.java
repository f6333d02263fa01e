package dev.modelcost.cli;

import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpsDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/ops.md is generated from the registry the CLI runs with: core's ONNX rules and every importer's provider.
 * The committed copy must be current.
 */
class OpsDocsTest {
    private static final Path DOC = Path.of("..", "docs", "ops.md");

    @Test
    void opsMarkdownIsCurrentAndCoversEveryProvider() throws Exception {
        OpRegistry registry = OpRegistry.standard();
        String fresh = OpsDocument.markdown(registry);
        assertTrue(
                fresh.contains("## keras (") && fresh.contains("## dl4j ("),
                "the Keras and DL4J providers are not on the class path");
        if (Boolean.getBoolean("modelcost.regenerate")) {
            Files.writeString(DOC, fresh, StandardCharsets.UTF_8);
        }
        assertTrue(
                Files.isRegularFile(DOC),
                DOC.toAbsolutePath() + " is missing; regenerate it with " + OpsDocument.REGENERATE);
        assertEquals(
                fresh,
                Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/ops.md is stale; regenerate it with " + OpsDocument.REGENERATE + " and commit the result");
    }

    @Test
    void everyRegisteredRuleOfEveryProviderStatesItsShapeRule() {
        OpRegistry.standard()
                .all()
                .forEach((k, r) -> assertFalse(r.shapeRule().isBlank(), k + " has no shape rule text"));
    }
}
