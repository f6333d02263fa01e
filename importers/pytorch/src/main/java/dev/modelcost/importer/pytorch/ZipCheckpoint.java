package dev.modelcost.importer.pytorch;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.UnsupportedModelException;

import java.io.IOException;

/** The zip layout of torch ≥ 1.6, read through core's zip reader. */
final class ZipCheckpoint {
    private ZipCheckpoint() { }

    static LegacyLayout.Read read(ModelSource source, ImportOptions options) throws IOException {
        throw new UnsupportedModelException((java.nio.file.Path) null, "", "the zip layout of torch.save is read once "
                + "core's zip reader is in place");
    }
}
