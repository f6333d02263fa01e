package dev.modelcost.core.spi;

import dev.modelcost.core.io.ModelSource;

import java.io.IOException;

/**
 * Reads one file format into the IR. Implementations are found with {@link java.util.ServiceLoader};
 * they read structure only, through the {@link ModelSource} they are given, and never load weight payloads.
 */
public interface ModelImporter {

    /** "onnx", "keras", "dl4j", ... */
    String format();

    /** fileName: last segment of the location; head: up to the first 64 bytes. */
    boolean recognizes(String fileName, byte[] head);

    /**
     * Reads the model. The source stays open (and owned by the caller) after this returns: the model's
     * {@link ImportedModel#payloads()} read through it and through the siblings the importer opened.
     */
    ImportedModel read(ModelSource source, ImportOptions options) throws IOException;
}
