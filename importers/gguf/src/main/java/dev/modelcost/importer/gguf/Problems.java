package dev.modelcost.importer.gguf;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.UnsupportedModelException;

import java.nio.file.Path;

/** The two refusals this importer raises, each naming the file it was reading. */
final class Problems {
    private Problems() { }

    static MalformedModelException malformed(ModelSource source, String where, String problem) {
        return new MalformedModelException(Path.of(source.location()), where, problem);
    }

    static UnsupportedModelException unsupported(ModelSource source, String where, String problem) {
        return new UnsupportedModelException(Path.of(source.location()), where, problem);
    }
}
