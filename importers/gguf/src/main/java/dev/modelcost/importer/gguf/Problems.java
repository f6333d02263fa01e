package dev.modelcost.importer.gguf;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.UnsupportedModelException;

/** The two refusals this importer raises, each naming the file it was reading. */
final class Problems {
    private Problems() {}

    static MalformedModelException malformed(ModelSource source, String where, String problem) {
        return new MalformedModelException(source.location(), where, problem);
    }

    static UnsupportedModelException unsupported(ModelSource source, String where, String problem) {
        return new UnsupportedModelException(source.location(), where, problem);
    }
}
