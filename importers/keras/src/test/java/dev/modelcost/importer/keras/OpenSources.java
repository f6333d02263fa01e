package dev.modelcost.importer.keras;

import dev.modelcost.core.io.FileSource;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Imports for tests that analyse the model afterwards: the source stays open (as ModelCost keeps it open through
 * the analysis) so that the duplicate-tensor check reads payloads through it; the test JVM's exit closes it.
 */
final class OpenSources {
    private OpenSources() {}

    static ImportedModel read(Path f) throws IOException {
        return new KerasImporter().read(FileSource.open(f), ImportOptions.DEFAULTS);
    }
}
