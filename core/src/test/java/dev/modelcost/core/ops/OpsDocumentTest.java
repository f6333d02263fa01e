package dev.modelcost.core.ops;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/ops.md is generated from the registry; this fails when the checked-in file is stale. */
class OpsDocumentTest {
    private static final Path DOC = Path.of("..", "docs", "ops.md");

    @Test
    void checkedInOpsDocumentMatchesTheRegistry() throws Exception {
        String fresh = OpsDocument.markdown(OpRegistry.standard());
        if (Boolean.getBoolean("modelcost.regenerateDocs")) {
            Files.writeString(DOC, fresh, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(DOC), DOC.toAbsolutePath() + " is missing; regenerate it with "
                + "mvn -q -o -pl core test -Dtest=OpsDocumentTest -Dmodelcost.regenerateDocs=true");
        assertEquals(fresh, Files.readString(DOC, StandardCharsets.UTF_8), "docs/ops.md is stale; regenerate it with "
                + "mvn -q -o -pl core test -Dtest=OpsDocumentTest -Dmodelcost.regenerateDocs=true");
    }

    @Test
    void everyRegisteredRuleStatesItsShapeRule() {
        OpRegistry.standard().all().forEach((k, r) -> assertTrue(!r.shapeRule().isBlank(), k + " has no shape rule text"));
    }
}
