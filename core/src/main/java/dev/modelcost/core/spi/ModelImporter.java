package dev.modelcost.core.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one file format into the IR. Implementations are found with {@link java.util.ServiceLoader};
 * they read structure only and never load weight payloads.
 */
public interface ModelImporter {

    /** "onnx", "keras" or "dl4j". */
    String format();

    /** Whether a file with these first bytes (up to 64 of them) and this name is in this format. */
    boolean recognizes(Path file, byte[] head);

    ImportedModel read(Path file, ImportOptions options) throws IOException;
}
